import { describe, expect, it } from 'vitest'
import { newRowsOnTop } from './tickerSlide'

describe('newRowsOnTop', () => {
  it('counts the rows above the previous top row', () => {
    expect(newRowsOnTop('a', ['c', 'b', 'a', 'z'])).toBe(2)
  })
  it('is 0 when nothing came in', () => {
    expect(newRowsOnTop('a', ['a', 'z'])).toBe(0)
  })
  it('is 0 for a first list and for a list that is all new', () => {
    expect(newRowsOnTop(undefined, ['a'])).toBe(0)
    expect(newRowsOnTop('a', ['c', 'b'])).toBe(0)
  })
})
