import { describe, expect, it } from 'vitest'
import { figureWidthEm, textWidthEm } from './textWidth'

describe('textWidthEm', () => {
  it('counts CJK as a full em, digits and letters as a little more than half, punctuation as less', () => {
    expect(textWidthEm('执行')).toBe(2)
    expect(textWidthEm('2018')).toBeCloseTo(2.4)
    expect(textWidthEm('2018-02')).toBeCloseTo(3.9)
    expect(textWidthEm('“执行难”')).toBe(5)
    expect(textWidthEm('')).toBe(0)
  })
})

describe('figureWidthEm', () => {
  it('adds the digits, the separators and the smaller unit', () => {
    expect(figureWidthEm('876.8312', '', 0.42)).toBeCloseTo(4.5)
    expect(figureWidthEm('876.8312', '万件', 0.5)).toBeCloseTo(4.5 + 1.1)
    expect(figureWidthEm('21,134.523', '亿元', 0.42)).toBeGreaterThan(figureWidthEm('876.8312', '万件', 0.42))
  })
})
