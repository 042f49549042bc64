import { describe, expect, it } from 'vitest'
import { unitBars } from './rankings'

describe('unitBars', () => {
  const rows = [
    { unitId: '440000', n: 200 },
    { unitId: 'XPCC', n: 50 },
    { unitId: '320000', n: 0 },
  ]

  it('names units for the wall and measures each against the leader', () => {
    const bars = unitBars(rows, r => r.n, r => `${r.n} 件`, 'zh-CN', '兵团')
    expect(bars).toEqual([
      { id: '440000', name: '广东', share: 1, label: '200 件' },
      { id: 'XPCC', name: '兵团', share: 0.25, label: '50 件' },
      { id: '320000', name: '江苏', share: 0, label: '0 件' },
    ])
  })

  it('draws no bar when the leader has nothing, and nothing for no rows', () => {
    expect(unitBars([{ unitId: '440000', n: 0 }], r => r.n, () => '', 'en', 'Corps').map(b => b.share)).toEqual([0])
    expect(unitBars([], () => 1, () => '', 'en', 'Corps')).toEqual([])
  })
})
