import { describe, expect, it } from 'vitest'
import { FUNCTIONS_NOW, inquiryStats } from '~/test/functions-a-fixtures'
import { newRowsOnTop, sameEntry } from './tickerSlide'

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

describe('sameEntry', () => {
  const entry = () => ({ ...inquiryStats().ticker[0]! })
  it('is true for two decodes of the same entry', () => {
    expect(sameEntry(entry(), entry())).toBe(true)
  })
  it('is false when any field differs', () => {
    expect(sameEntry(entry(), { ...entry(), at: FUNCTIONS_NOW + 1 })).toBe(false)
    expect(sameEntry(entry(), { ...entry(), amount: 1 })).toBe(false)
    expect(sameEntry(entry(), { ...entry(), id: 'other' })).toBe(false)
  })
})
