import { describe, expect, it } from 'vitest'
import { unitLabel } from './unitLabel'

describe('unitLabel', () => {
  it('gives the short name, the Corps its abbreviation, and an unknown id as it is', () => {
    expect(unitLabel('150000', 'zh-CN', '兵团')).toBe('内蒙古')
    expect(unitLabel('150000', 'en', 'XPCC')).toBe('Inner Mongolia')
    expect(unitLabel('XPCC', 'zh-CN', '兵团')).toBe('兵团')
    expect(unitLabel('XPCC', 'en', 'XPCC')).toBe('XPCC')
    expect(unitLabel('999999', 'en', 'XPCC')).toBe('999999')
  })
})
