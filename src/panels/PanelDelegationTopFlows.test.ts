// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { delegationStats } from '~/test/measures-fixtures'
import PanelDelegationTopFlows from './PanelDelegationTopFlows.vue'
import { mountWall } from '~/test/mount-wall'

describe('PanelDelegationTopFlows', () => {
  it('lists the day\'s flows biggest first: from → to and the count', () => {
    const wrapper = mountWall(PanelDelegationTopFlows, { props: { flows: [...delegationStats().flows].reverse() } })
    expect(wrapper.attributes('data-panel')).toBe('delegationTopFlows')
    const rows = wrapper.findAll('[data-testid="flow-row"]')
    expect(rows).toHaveLength(7)
    expect(rows[0]!.text()).toContain('北京 → 天津')
    expect(rows[0]!.text()).toContain('64件')
    expect(rows[2]!.text()).toContain('新疆 → 兵团')
    expect(rows[3]!.attributes('data-from')).toBe('XPCC')
  })

  it('keeps to the limit and reads in English', () => {
    const wrapper = mountWall(PanelDelegationTopFlows, { props: { flows: delegationStats().flows, limit: 3 } }, 'en')
    const rows = wrapper.findAll('[data-testid="flow-row"]')
    expect(rows).toHaveLength(3)
    expect(rows[0]!.text()).toContain('Beijing → Tianjin')
    expect(rows[2]!.text()).toContain('Xinjiang → XPCC')
  })

  it('says so on a day without flows, waits before data and marks stale data', () => {
    expect(mountWall(PanelDelegationTopFlows, { props: { flows: [] } }).text()).toContain('暂无数据')
    expect(mountWall(PanelDelegationTopFlows, { props: { flows: null } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelDelegationTopFlows, { props: { flows: delegationStats().flows, stale: true, ageMs: 12_000 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
  })
})
