// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { indicators, provinceStats } from '~/test/fixtures'
import PanelQualityTable from './PanelQualityTable.vue'
import { mountWall } from '~/test/mount-wall'

const targets = indicators().targets

afterEach(() => {
  vi.useRealTimers()
})

describe('PanelQualityTable', () => {
  it('lists all 32 units ranked, each figure coloured against its target', () => {
    const wrapper = mountWall(PanelQualityTable, { props: { stats: provinceStats(), targets, fontPx: 36 } })
    expect(wrapper.attributes('data-panel')).toBe('quality-table')
    const rows = wrapper.findAll('[data-testid="quality-row"]')
    expect(rows).toHaveLength(32)
    expect(rows.map(r => Number(r.attributes('data-met')))).toEqual([...rows.map(r => Number(r.attributes('data-met')))].sort((a, b) => b - a))
    const cells = wrapper.findAll('[data-testid="quality-cell"]')
    expect(cells).toHaveLength(128)
    for (const cell of cells) {
      const value = Number.parseFloat(cell.text())
      const target = cell.attributes('data-indicator') === 'threeYearClosureRate' ? 80 : 90
      const expected = value >= target ? 'green' : value >= target - 2 ? 'amber' : 'red'
      expect(cell.attributes('data-rag'), cell.text()).toBe(expected)
      expect(cell.text()).toMatch(/^\d+\.\d%$/)
    }
    expect(wrapper.text()).toContain('目标 ≥ 90%')
    expect(wrapper.text()).toContain('兵团')
  })

  it('says what the colours mean', () => {
    const legend = mountWall(PanelQualityTable, { props: { stats: provinceStats(), targets, fontPx: 36 } }).find('[data-testid="rag-legend"]')
    expect(legend.text()).toContain('达标：不低于目标')
    expect(legend.text()).toContain('预警：低于目标 2 个百分点以内')
    expect(legend.text()).toContain('未达标：低于目标超过 2 个百分点')
    const en = mountWall(PanelQualityTable, { props: { stats: provinceStats(), targets, fontPx: 36 } }, 'en').find('[data-testid="rag-legend"]')
    expect(en.text()).toContain('up to 2 points below target')
  })

  it('leaves cells uncoloured and says so until the targets arrive', () => {
    const wrapper = mountWall(PanelQualityTable, { props: { stats: provinceStats(), targets: null, fontPx: 36 } })
    expect(wrapper.findAll('[data-rag="none"]')).toHaveLength(128)
    expect(wrapper.text()).toContain('目标值未到达')
  })

  it('folds into blocks and turns its pages when the rows do not fit', async () => {
    vi.useFakeTimers()
    const wrapper = mountWall(PanelQualityTable, {
      props: { stats: provinceStats(), targets, fontPx: 18, rotateMs: 5000, fit: { blocks: 2, rowsPerBlock: 10, perPage: 20, fontPx: 18 } },
    })
    expect(wrapper.findAll('[role="table"]')).toHaveLength(2)
    expect(wrapper.findAll('[data-testid="quality-row"]')).toHaveLength(20)
    expect(wrapper.find('[data-testid="table-page"]').text()).toBe('第 1/2 页')
    const first = wrapper.find('[data-testid="quality-row"]').attributes('data-unit')
    vi.advanceTimersByTime(5000)
    await nextTick()
    expect(wrapper.find('[data-testid="table-page"]').text()).toBe('第 2/2 页')
    expect(wrapper.findAll('[data-testid="quality-row"]')).toHaveLength(12)
    expect(wrapper.find('[data-testid="quality-row"]').attributes('data-unit')).not.toBe(first)
    vi.advanceTimersByTime(5000)
    await nextTick()
    expect(wrapper.find('[data-testid="table-page"]').text()).toBe('第 1/2 页')
    wrapper.unmount()
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelQualityTable, { props: { stats: null, targets, fontPx: 36 } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelQualityTable, { props: { stats: provinceStats(), targets, fontPx: 36, stale: true, ageMs: 15_000 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('15秒')
    expect(stale.findAll('[data-testid="quality-row"]')).toHaveLength(32)
  })
})
