import { describe, expect, it } from 'vitest'
import { isChinese } from './locale'
import { unitLabel, unitName, unitTileLabel } from './units'

describe('unit names', () => {
  it('gives the short name, the Corps its abbreviation, and an unknown id as it is', () => {
    expect(unitLabel('150000', 'zh-CN', '兵团')).toBe('内蒙古')
    expect(unitLabel('150000', 'en', 'XPCC')).toBe('Inner Mongolia')
    expect(unitLabel('XPCC', 'zh-CN', '兵团')).toBe('兵团')
    expect(unitLabel('XPCC', 'en', 'XPCC')).toBe('XPCC')
    expect(unitLabel('999999', 'en', 'XPCC')).toBe('999999')
  })

  it('names units in the wall\'s language, the Corps and no-data regions included', () => {
    expect(unitName('650000', 'zh-CN')).toBe('新疆')
    expect(unitName('XPCC', 'zh-CN')).toBe('兵团')
    expect(unitName('710000', 'zh-CN')).toBe('台湾')
    expect(unitName('810000', 'en')).toBe('Hong Kong SAR')
    expect(unitName('110000', 'en')).toBe('Beijing')
  })

  it('labels a terminal tile with the short name, or the letter code in English', () => {
    expect(unitTileLabel('320000', 'zh-CN')).toBe('江苏')
    expect(unitTileLabel('320000', 'en')).toBe('JS')
    expect(unitTileLabel('XPCC', 'en')).toBe('XPCC')
    expect(unitTileLabel('999999', 'en')).toBe('999999')
  })

  it('reads every zh locale as Chinese, whatever its case', () => {
    expect(['zh-CN', 'zh', 'ZH-cn', 'zh-Hant'].every(isChinese)).toBe(true)
    expect(['en', 'en-GB', 'fr'].some(isChinese)).toBe(false)
  })
})
