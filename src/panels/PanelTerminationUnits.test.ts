// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { terminationStats } from '~/test/functions-b-fixtures'
import PanelTerminationUnits from './PanelTerminationUnits.vue'
import { mountWall } from './testMount'

const chart = { renderer: 'svg' as const, chartWidth: 700, chartHeight: 400, fontPx: 20 }

describe('PanelTerminationUnits', () => {
  it('ranks the biggest pools with pool and restarts after each bar', async () => {
    const wrapper = mountWall(PanelTerminationUnits, { props: { stats: terminationStats(), ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.attributes('data-panel')).toBe('termination-units')
    const box = wrapper.find('[data-testid="termination-units"]')
    expect(Number(box.attributes('data-rows'))).toBe(Math.floor((400 - 12) / (20 * 1.35)))
    expect(box.html()).toContain('广东')
    expect(box.html()).toMatch(/在库 \d+(\.\d+)?万 · 恢复 \d+(\.\d+)?万/)
    wrapper.unmount()
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelTerminationUnits, { props: { stats: null, ...chart } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelTerminationUnits, { props: { stats: terminationStats(), stale: true, ageMs: 20_000, ...chart } })
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('20秒')
    stale.unmount()
  })
})
