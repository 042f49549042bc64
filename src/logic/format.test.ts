import { describe, expect, it } from 'vitest'
import {
  formatAge,
  formatClock,
  formatCount,
  formatDate,
  formatInteger,
  formatPercent,
  formatYuan,
  PLACEHOLDER,
  splitValueUnit,
} from './format'

const ZH = 'zh-CN'
const EN = 'en'

describe('formatCount', () => {
  it('groups by 万, 亿 and 万亿 in Chinese', () => {
    expect(formatCount(9999, ZH)).toBe('9999')
    expect(formatCount(12_345, ZH)).toBe('1.23万')
    expect(formatCount(104_140_000, ZH)).toBe('1.04亿')
    expect(formatCount(1e12, ZH)).toBe('1万亿')
    expect(formatCount(2.3e12, ZH)).toBe('2.3万亿')
  })

  it('uses K / M / B / T in English', () => {
    expect(formatCount(999, EN)).toBe('999')
    expect(formatCount(12_345, EN)).toBe('12.3K')
    expect(formatCount(104_140_000, EN)).toBe('104.1M')
    expect(formatCount(2.3e9, EN)).toBe('2.3B')
    expect(formatCount(1.5e12, EN)).toBe('1.5T')
  })

  it('shows the placeholder for what is not a number', () => {
    for (const bad of [null, undefined, Number.NaN, Infinity, -Infinity]) {
      expect(formatCount(bad, ZH)).toBe(PLACEHOLDER)
      expect(formatYuan(bad, EN)).toBe(PLACEHOLDER)
      expect(formatPercent(bad, ZH)).toBe(PLACEHOLDER)
      expect(formatAge(bad, EN)).toBe(PLACEHOLDER)
      expect(formatInteger(bad, EN)).toBe(PLACEHOLDER)
      expect(formatDate(bad, ZH)).toBe(PLACEHOLDER)
      expect(formatClock(bad, ZH)).toBe(PLACEHOLDER)
      expect(splitValueUnit(bad, ZH)).toEqual({ value: PLACEHOLDER, unit: '' })
    }
    expect(PLACEHOLDER).toBe('—')
  })
})

describe('formatYuan', () => {
  it('appends 元 to the Chinese magnitude', () => {
    expect(formatYuan(2.3e12, ZH)).toBe('2.3万亿元')
    expect(formatYuan(4.1e10, ZH)).toBe('410亿元')
    expect(formatYuan(56_780, ZH)).toBe('5.68万元')
    expect(formatYuan(120, ZH)).toBe('120元')
  })

  it('writes ¥ with two decimals and K / M / B / T in English', () => {
    expect(formatYuan(2.3e12, EN)).toBe('¥2.30T')
    expect(formatYuan(104_140_000, EN)).toBe('¥104.14M')
    expect(formatYuan(120, EN)).toBe('¥120.00')
  })
})

describe('formatPercent', () => {
  it('takes 0–100 and shows the given digits', () => {
    expect(formatPercent(91.23, ZH)).toBe('91.2%')
    expect(formatPercent(91.25, EN, 2)).toBe('91.25%')
    expect(formatPercent(80, EN)).toBe('80.0%')
    expect(formatPercent(100, ZH, 0)).toBe('100%')
    expect(formatPercent(0, ZH)).toBe('0.0%')
  })
})

describe('formatAge', () => {
  it('uses the largest whole unit', () => {
    expect(formatAge(0, ZH)).toBe('0秒')
    expect(formatAge(12_400, ZH)).toBe('12秒')
    expect(formatAge(12_400, EN)).toBe('12 s')
    expect(formatAge(180_000, ZH)).toBe('3分钟')
    expect(formatAge(180_000, EN)).toBe('3 min')
    expect(formatAge(2 * 3600_000 + 5, ZH)).toBe('2小时')
    expect(formatAge(2 * 3600_000, EN)).toBe('2 h')
    expect(formatAge(3 * 86_400_000, ZH)).toBe('3天')
    expect(formatAge(3 * 86_400_000, EN)).toBe('3 d')
  })

  it('never goes below zero', () => {
    expect(formatAge(-800, EN)).toBe('0 s')
  })
})

describe('splitValueUnit', () => {
  it('splits counts into digits and magnitude', () => {
    expect(splitValueUnit(104_140_000, ZH)).toEqual({ value: '1.04', unit: '亿' })
    expect(splitValueUnit(104_140_000, EN)).toEqual({ value: '104.1', unit: 'M' })
    expect(splitValueUnit(8_300_000, ZH)).toEqual({ value: '830', unit: '万' })
    expect(splitValueUnit(512, ZH)).toEqual({ value: '512', unit: '' })
  })

  it('splits money into digits and 万亿元 / 亿元 / 万元, or T / B / M yuan', () => {
    expect(splitValueUnit(2.3e12, ZH, 'yuan')).toEqual({ value: '2.3', unit: '万亿元' })
    expect(splitValueUnit(4.1e10, ZH, 'yuan')).toEqual({ value: '410', unit: '亿元' })
    expect(splitValueUnit(56_780, ZH, 'yuan')).toEqual({ value: '5.68', unit: '万元' })
    expect(splitValueUnit(2.3e12, EN, 'yuan')).toEqual({ value: '2.30', unit: 'T yuan' })
    expect(splitValueUnit(4.1e10, EN, 'yuan')).toEqual({ value: '41.00', unit: 'B yuan' })
    expect(splitValueUnit(1.5e6, EN, 'yuan')).toEqual({ value: '1.50', unit: 'M yuan' })
    expect(splitValueUnit(12, EN, 'yuan')).toEqual({ value: '12.00', unit: 'yuan' })
  })

  it('gives the same digits as the one-string formatters', () => {
    const n = 123_456_789
    const count = splitValueUnit(n, ZH)
    expect(`${count.value}${count.unit}`).toBe(formatCount(n, ZH))
    const yuan = splitValueUnit(n, ZH, 'yuan')
    expect(`${yuan.value}${yuan.unit}`).toBe(formatYuan(n, ZH))
  })
})

describe('splitValueUnit, exact (the national counters)', () => {
  const exact = { exact: true }

  it('shows counts to the unit in 万, and in 亿 from 1亿, eight significant digits', () => {
    expect(splitValueUnit(8_768_312, ZH, 'count', exact)).toEqual({ value: '876.8312', unit: '万' })
    expect(splitValueUnit(8_768_300, ZH, 'count', exact)).toEqual({ value: '876.8300', unit: '万' })
    expect(splitValueUnit(10_000, ZH, 'count', exact)).toEqual({ value: '1.0000', unit: '万' })
    expect(splitValueUnit(104_141_234, ZH, 'count', exact)).toEqual({ value: '1.0414123', unit: '亿' })
    expect(splitValueUnit(9_999, ZH, 'count', exact)).toEqual({ value: '9,999', unit: '' })
  })

  it('moves its text with every single case', () => {
    const before = splitValueUnit(8_768_312, ZH, 'count', exact)
    const after = splitValueUnit(8_768_313, ZH, 'count', exact)
    expect(after.value).not.toBe(before.value)
    expect(after.value.length).toBe(before.value.length)
  })

  it('shows a count mid-run as a whole number', () => {
    expect(splitValueUnit(512.4, ZH, 'count', exact)).toEqual({ value: '512', unit: '' })
    expect(splitValueUnit(8_768_312.4, ZH, 'count', exact)).toEqual({ value: '876.8312', unit: '万' })
  })

  it('reads amounts from 1万亿 up in 万亿元, as a Chinese reader reads them', () => {
    expect(splitValueUnit(2_155_434_400_000, ZH, 'yuan', exact)).toEqual({ value: '2.1554344', unit: '万亿元' })
    expect(splitValueUnit(2_155_434_500_000, ZH, 'yuan', exact).value).toBe('2.1554345')
    expect(splitValueUnit(1e12, ZH, 'yuan', exact)).toEqual({ value: '1.0000000', unit: '万亿元' })
    expect(splitValueUnit(338_198_700_000, ZH, 'yuan', exact)).toEqual({ value: '3,381.9870', unit: '亿元' })
    expect(splitValueUnit(56_780, ZH, 'yuan', exact)).toEqual({ value: '5.6780', unit: '万元' })
    expect(splitValueUnit(120, ZH, 'yuan', exact)).toEqual({ value: '120', unit: '元' })
    expect(formatYuan(2_155_434_400_000, ZH)).toBe('2.16万亿元')
  })

  it('keeps eight significant digits whatever the magnitude, so the digits keep their width', () => {
    const significant = (text: string) => text.replace(/\D/g, '').replace(/^0+/, '').length
    for (const n of [1.2e8, 9.9e8, 1.1e12, 2.2e12, 9.7e12]) {
      expect(significant(splitValueUnit(n, ZH, 'yuan', exact).value)).toBe(8)
      expect(significant(splitValueUnit(n, EN, 'yuan', exact).value)).toBe(8)
    }
    const growing = [2_155_434_400_000, 2_255_434_400_000, 2_955_434_400_000].map(n => splitValueUnit(n, ZH, 'yuan', exact).value.length)
    expect(new Set(growing).size).toBe(1)
  })

  it('writes English counts whole with grouping, then B and T; money in M / B / T yuan', () => {
    expect(splitValueUnit(8_768_312, EN, 'count', exact)).toEqual({ value: '8,768,312', unit: '' })
    expect(splitValueUnit(1_234_567_890, EN, 'count', exact)).toEqual({ value: '1.2345679', unit: 'B' })
    expect(splitValueUnit(2_113_452_300_000, EN, 'yuan', exact)).toEqual({ value: '2.1134523', unit: 'T yuan' })
    expect(splitValueUnit(338_198_700_000, EN, 'yuan', exact)).toEqual({ value: '338.19870', unit: 'B yuan' })
    expect(splitValueUnit(56_700_000, EN, 'yuan', exact)).toEqual({ value: '56.700000', unit: 'M yuan' })
    expect(splitValueUnit(120, EN, 'yuan', exact)).toEqual({ value: '120', unit: 'yuan' })
    expect(formatYuan(2_113_452_300_000, EN)).toBe('¥2.11T')
  })

  it('keeps the placeholder for what is not a number', () => {
    for (const bad of [null, undefined, Number.NaN, Infinity])
      expect(splitValueUnit(bad, ZH, 'yuan', exact)).toEqual({ value: PLACEHOLDER, unit: '' })
  })

  it('leaves the compact form as it was when not asked', () => {
    expect(splitValueUnit(8_768_312, ZH, 'count', { exact: false })).toEqual(splitValueUnit(8_768_312, ZH))
    expect(splitValueUnit(2.3e12, ZH, 'yuan', {})).toEqual({ value: '2.3', unit: '万亿元' })
  })
})

describe('dates and clocks', () => {
  // 16:05:09 UTC on 4 March is already 5 March in Beijing.
  const t = Date.UTC(2025, 2, 4, 16, 5, 9)

  it('shows the Beijing calendar date', () => {
    expect(formatDate(t, ZH)).toBe('2025年3月5日星期三')
    expect(formatDate(t, EN)).toBe('Wednesday, March 5, 2025')
  })

  it('shows the Beijing time, 24-hour', () => {
    expect(formatClock(t, ZH)).toBe('00:05:09')
    expect(formatClock(t, EN)).toBe('00:05:09')
    expect(formatClock(Date.UTC(2025, 2, 4, 6, 30, 0), EN)).toBe('14:30:00')
  })
})

describe('formatInteger', () => {
  it('groups thousands', () => {
    expect(formatInteger(1_234_567, ZH)).toBe('1,234,567')
    expect(formatInteger(1_234_567.6, EN)).toBe('1,234,568')
  })
})
