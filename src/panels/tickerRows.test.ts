import { describe, expect, it } from 'vitest'
import { MEASURES_NOW, inquiryStats } from '~/test/measures-fixtures'
import { placeTicker, sameEntry } from './tickerRows'

describe('placeTicker', () => {
  const LIMIT = 100
  it('starts a first list at the bottom: the last row at place 1', () => {
    expect(placeTicker(undefined, ['c', 'b', 'a'], LIMIT)).toEqual({ ids: ['c', 'b', 'a'], top: 3, added: 0 })
  })
  it('gives new rows on top the next places and keeps the others where they were', () => {
    const first = placeTicker(undefined, ['c', 'b', 'a'], LIMIT)
    const next = placeTicker(first, ['e', 'd', 'c', 'b'], LIMIT)
    expect(next).toEqual({ ids: ['e', 'd', 'c', 'b'], top: 5, added: 2 })
    // c was row 0 at place 3, is row 2 at place 5 - 2 = 3: it has not moved in the list
  })
  it('changes nothing when nothing came in', () => {
    const first = placeTicker(undefined, ['b', 'a'], LIMIT)
    expect(placeTicker(first, ['b', 'a'], LIMIT)).toEqual({ ids: ['b', 'a'], top: 2, added: 0 })
  })
  it('starts again at the bottom when every row is new or the places run out', () => {
    const first = placeTicker(undefined, ['b', 'a'], LIMIT)
    expect(placeTicker(first, ['y', 'x'], LIMIT)).toEqual({ ids: ['y', 'x'], top: 2, added: 0 })
    const high = { ids: ['b', 'a'], top: LIMIT, added: 0 }
    expect(placeTicker(high, ['c', 'b', 'a'], LIMIT)).toEqual({ ids: ['c', 'b', 'a'], top: 3, added: 0 })
  })
  it('keeps every place at 1 or more when rows are taken off the top', () => {
    const first = placeTicker(undefined, ['c', 'b', 'a'], LIMIT)
    expect(placeTicker(first, ['a', 'z', 'y'], LIMIT)).toEqual({ ids: ['a', 'z', 'y'], top: 3, added: 0 })
  })
})

describe('sameEntry', () => {
  const entry = () => ({ ...inquiryStats().ticker[0]! })
  it('is true for two decodes of the same entry', () => {
    expect(sameEntry(entry(), entry())).toBe(true)
  })
  it('is false when any field differs', () => {
    expect(sameEntry(entry(), { ...entry(), at: MEASURES_NOW + 1 })).toBe(false)
    expect(sameEntry(entry(), { ...entry(), amount: 1 })).toBe(false)
    expect(sameEntry(entry(), { ...entry(), id: 'other' })).toBe(false)
  })
})
