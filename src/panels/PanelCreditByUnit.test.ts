// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { creditStats } from '~/test/measures-fixtures'
import PanelCreditByUnit from './PanelCreditByUnit.vue'
import { mountWall } from '~/test/mount-wall'

describe('PanelCreditByUnit', () => {
  it('ranks all units by people listed now, with this year\'s additions', () => {
    const wrapper = mountWall(PanelCreditByUnit, { props: { byUnit: creditStats().byUnit } })
    expect(wrapper.attributes('data-panel')).toBe('creditByUnit')
    const rows = wrapper.findAll('[data-testid="ranking-row"]')
    expect(rows).toHaveLength(32)
    expect(rows[0]!.attributes('data-unit')).toBe('440000')
    expect(rows[0]!.text()).toContain('广东')
    expect(rows[0]!.text()).toMatch(/\d+(\.\d+)?万/)
    expect(rows[0]!.text()).toContain('年内新增')
    expect(wrapper.find('[data-unit="XPCC"]').text()).toContain('兵团')
    // bars are scaled against the leader (a transform: the compositor animates it)
    const fills = wrapper.findAll('.kit-rank-row__fill').map(f => f.attributes('style') ?? '')
    expect(fills[0]).toContain('scaleX(1.0000)')
    expect(Number(/scaleX\(([\d.]+)\)/.exec(fills[31]!)?.[1])).toBeLessThan(1)
  })

  it('reads in English', () => {
    const wrapper = mountWall(PanelCreditByUnit, { props: { byUnit: creditStats().byUnit } }, 'en')
    expect(wrapper.find('[data-testid="ranking-row"]').text()).toContain('Guangdong')
    expect(wrapper.find('[data-testid="ranking-row"]').text()).toContain('this year')
    expect(wrapper.find('[data-unit="XPCC"]').text()).toContain('XPCC')
  })

  it('says so when there are no units, waits before data and marks stale data', () => {
    expect(mountWall(PanelCreditByUnit, { props: { byUnit: [] } }).text()).toContain('暂无数据')
    expect(mountWall(PanelCreditByUnit, { props: { byUnit: null } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelCreditByUnit, { props: { byUnit: creditStats().byUnit, stale: true, ageMs: 12_000 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
  })
})
