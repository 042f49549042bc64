// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { formatCount } from '~/logic/format'
import { kpi, provinceStats } from '~/test/fixtures'
import PanelUnitKpis from './PanelUnitKpis.vue'
import { mountWall } from '~/test/mount-wall'

describe('PanelUnitKpis', () => {
  it('shows the unit\'s counters with rank and national share', () => {
    const stats = provinceStats()
    const row = stats.units.find(u => u.unitId === '320000')!
    const wrapper = mountWall(PanelUnitKpis, { props: { stats, unitId: '320000', unitName: '江苏', national: kpi(), durationMs: 0 } })
    expect(wrapper.attributes('data-panel')).toBe('unitKpis')
    expect(wrapper.find('.panel-frame__title').text()).toBe('江苏 · 执行数据')
    const tiles = wrapper.findAll('[data-testid="kpi"]')
    expect(tiles.map(t => t.attributes('data-kpi'))).toEqual(['casesReceivedYtd', 'casesConcludedYtd', 'casesPending', 'amountRecoveredYtd', 'dishonestDebtorsListed', 'networkInquiriesToday'])
    const received = wrapper.find('[data-kpi="casesReceivedYtd"]')
    expect(received.find('[data-testid="kpi-value"]').text()).toBe(`${formatCount(row.casesReceivedYtd, 'zh-CN')}件`)
    // 江苏 and 浙江 share the second-largest caseload in the fixture
    expect(received.find('[data-testid="kpi-rank"]').text()).toBe('全国第 2 位')
    expect(received.text()).toMatch(/占全国 \d+(\.\d)?%/)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
  })

  it('waits for its unit\'s row', () => {
    const wrapper = mountWall(PanelUnitKpis, { props: { stats: null, unitId: '320000', unitName: '江苏', national: null } })
    expect(wrapper.find('[data-testid="panel-waiting"]').exists()).toBe(true)
  })
})
