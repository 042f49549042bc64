// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { terminationStats } from '~/test/supervision-fixtures'
import PanelTerminationUnits from './PanelTerminationUnits.vue'
import { mountWall } from '~/test/mount-wall'

describe('PanelTerminationUnits', () => {
  it('ranks the biggest pools with pool and restarts after each bar', async () => {
    const wrapper = mountWall(PanelTerminationUnits, { props: { stats: terminationStats(), fontPx: 20, fit: { blocks: 1, rowsPerBlock: 15, perPage: 15, fontPx: 20 } } })
    expect(wrapper.attributes('data-panel')).toBe('termination-units')
    const rows = wrapper.findAll('[data-testid="ranking-row"]')
    expect(rows).toHaveLength(15)
    expect(rows[0]!.text()).toContain('广东')
    expect(rows[0]!.text()).toMatch(/在库 \d+(\.\d+)?万 · 恢复 \d+(\.\d+)?万/)
    await nextTick()
    expect(wrapper.find('[data-testid="units-badge"]').text()).toBe('前 15 名')
  })

  it('waits before data and marks stale data', async () => {
    expect(mountWall(PanelTerminationUnits, { props: { stats: null, fontPx: 20 } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelTerminationUnits, { props: { stats: terminationStats(), stale: true, ageMs: 20_000, fontPx: 20 } })
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('20秒')
    await nextTick()
    expect(stale.find('[data-testid="units-badge"]').text()).toBe('全部 32 个单位')
  })
})
