// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import PanelProvinceRanking from './PanelProvinceRanking.vue'
import { provinceStats } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'

describe('PanelProvinceRanking', () => {
  it('lists the top units by the metric with formatted figures', () => {
    const wrapper = mountWall(PanelProvinceRanking, { props: { stats: provinceStats(), metric: 'casesReceivedYtd' } })
    const rows = wrapper.findAll('[data-testid="ranking-row"]')
    expect(rows).toHaveLength(10)
    expect(rows[0]!.attributes('data-unit')).toBe('440000')
    expect(rows[0]!.text()).toContain('广东')
    expect(rows[0]!.text()).toMatch(/\d+(\.\d+)?万/)
    expect(wrapper.text()).toContain('各地排名 · 受理')
  })

  it('shows counts to the case where asked, so the figures visibly move; rates stay as they are', async () => {
    const stats = provinceStats()
    const wrapper = mountWall(PanelProvinceRanking, { props: { stats, metric: 'casesReceivedYtd', exact: true } })
    const first = () => wrapper.find('[data-testid="ranking-row"] .kit-rank-row__figure').text()
    const before = first()
    expect(before).toMatch(/^\d+\.\d{4}万$/)
    const units = stats.units.map(u => u.unitId === '440000' ? { ...u, casesReceivedYtd: u.casesReceivedYtd + 1 } : u)
    await wrapper.setProps({ stats: { ...stats, units } })
    expect(first()).not.toBe(before)
    await wrapper.setProps({ metric: 'actualClosureRate' })
    expect(first()).toMatch(/^\d+\.\d%$/)
  })

  it('follows the metric and the limit', () => {
    const wrapper = mountWall(PanelProvinceRanking, { props: { stats: provinceStats(), metric: 'actualClosureRate', limit: 5 } }, 'en')
    const rows = wrapper.findAll('[data-testid="ranking-row"]')
    expect(rows).toHaveLength(5)
    expect(rows[0]!.text()).toMatch(/\d+\.\d%/)
    expect(wrapper.text()).toContain('Closure rate')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelProvinceRanking, { props: { stats: null, metric: 'casesPending' } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelProvinceRanking, { props: { stats: provinceStats(), metric: 'casesPending', stale: true, ageMs: 20_000 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
    expect(stale.findAll('[data-testid="ranking-row"]')).toHaveLength(10)
  })
})
