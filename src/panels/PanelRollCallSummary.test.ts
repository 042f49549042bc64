// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { rollCall } from '~/test/supervision-fixtures'
import PanelRollCallSummary from './PanelRollCallSummary.vue'
import { mountWall } from '~/test/mount-wall'

const base = { phase: 'drawn' as const, drawingCount: 3, target: 90, now: rollCall().drawnAt + 95_000 }

describe('PanelRollCallSummary', () => {
  it('shows when the courts were drawn, how many of each level, how many are on target', () => {
    const wrapper = mountWall(PanelRollCallSummary, { props: { rollCall: rollCall(), ...base } })
    expect(wrapper.attributes('data-panel')).toBe('rollcall-summary')
    expect(wrapper.find('[data-testid="drawn-at"]').text()).toContain('3月5日 09:59:00')
    expect(wrapper.text()).toContain('3 家')
    expect(wrapper.find('[data-level="basic"]').text()).toBe('基层法院 1')
    expect(wrapper.text()).toContain('1/3 家')
    expect(wrapper.text()).toContain('88.7%')
    expect(wrapper.text()).toContain('批次 draw-7-abc')
    expect(wrapper.find('[data-testid="summary-drawing"]').exists()).toBe(false)
  })

  it('shows how long the drawn courts have been reporting, by the second', async () => {
    const wrapper = mountWall(PanelRollCallSummary, { props: { rollCall: rollCall(), ...base } })
    const reporting = () => wrapper.find('[data-testid="reporting-for"] .summary__value').text()
    expect(reporting()).toBe('00:01:35')
    await wrapper.setProps({ now: base.now + 1000 })
    expect(reporting()).toBe('00:01:36')
    await wrapper.setProps({ now: rollCall().drawnAt + (26 * 3600 + 5) * 1000 })
    expect(reporting()).toBe('1 天 02:00:05')
  })

  it('says a new draw is on its way', () => {
    const wrapper = mountWall(PanelRollCallSummary, { props: { rollCall: rollCall(), ...base, phase: 'drawing', drawingCount: 15 } }, 'en')
    expect(wrapper.find('[data-testid="summary-drawing"]').text()).toBe('Drawing 15 courts at random…')
    expect(wrapper.find('.summary').attributes('data-phase')).toBe('drawing')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelRollCallSummary, { props: { rollCall: null, ...base, phase: 'waiting' } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelRollCallSummary, { props: { rollCall: rollCall(), ...base, stale: true, ageMs: 13_000 } })
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('13秒')
  })
})
