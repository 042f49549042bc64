import { describe, expect, it } from 'vitest'
import { estimateTextWidth, fitCards, fitTable, pageCount, pageSlice } from './fit'

describe('pages', () => {
  it('counts pages and slices them, wrapping the page number', () => {
    expect(pageCount(32, 16)).toBe(2)
    expect(pageCount(32, 40)).toBe(1)
    expect(pageCount(0, 10)).toBe(1)
    expect(pageCount(5, 0)).toBe(1)
    const items = Array.from({ length: 10 }, (_, i) => i)
    expect(pageSlice(items, 0, 4)).toEqual([0, 1, 2, 3])
    expect(pageSlice(items, 2, 4)).toEqual([8, 9])
    expect(pageSlice(items, 3, 4)).toEqual([0, 1, 2, 3])
    expect(pageSlice(items, -1, 4)).toEqual([8, 9])
  })
})

describe('fitTable', () => {
  const ems = { row: 1.5, block: 30, head: 3 }

  it('folds 32 rows into two blocks on a 7680 wall, with bigger type', () => {
    const fit = fitTable(32, { width: 3800, height: 1880 }, ems, 36)
    expect(fit.blocks).toBe(2)
    expect(fit.rowsPerBlock).toBe(16)
    expect(fit.perPage).toBe(32)
    expect(fit.fontPx).toBeGreaterThan(36)
    expect(fit.fontPx).toBeLessThanOrEqual(36 * 1.6)
  })

  it('keeps one block when more would not make the type bigger', () => {
    const fit = fitTable(10, { width: 2000, height: 2000 }, ems, 20)
    expect(fit.blocks).toBe(1)
    expect(fit.fontPx).toBe(32)
  })

  it('pages when no fold holds every row at body size', () => {
    const fit = fitTable(32, { width: 600, height: 560 }, ems, 18)
    expect(fit.blocks).toBe(1)
    expect(fit.perPage).toBeLessThan(32)
    expect(fit.rowsPerBlock).toBe(Math.floor((560 / 18 - 3) / 1.5))
    expect(fit.fontPx).toBe(18)
  })
})

describe('fitCards', () => {
  it('picks the grid with the biggest cards', () => {
    expect(fitCards(12, { width: 6200, height: 1900 }, { width: 500, height: 380 }, 1.25, 18)).toEqual({ columns: 6, rows: 2, perPage: 12 })
    expect(fitCards(4, { width: 1000, height: 1000 }, { width: 100, height: 100 }, 1, 0)).toEqual({ columns: 2, rows: 2, perPage: 4 })
  })

  it('pages when the cards would be too small', () => {
    const fit = fitCards(30, { width: 1900, height: 850 }, { width: 252, height: 189 }, 1.25, 9)
    expect(fit.perPage).toBeLessThan(30)
    expect(fit.columns * fit.rows).toBe(fit.perPage)
  })
})

describe('estimateTextWidth', () => {
  it('counts a CJK character as one em and others as about half', () => {
    expect(estimateTextWidth('亿元', 10)).toBe(20)
    expect(estimateTextWidth('12.5', 10)).toBe(24)
  })
})
