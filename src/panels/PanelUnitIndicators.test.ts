// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { UnitStats } from '~/protocol'
import { indicators, provinceStats } from '~/test/fixtures'
import PanelUnitIndicators from './PanelUnitIndicators.vue'
import { mountWall } from '~/test/mount-wall'

function row(overrides: Partial<UnitStats>): UnitStats {
  return { ...provinceStats().units.find(u => u.unitId === '320000')!, ...overrides }
}

describe('PanelUnitIndicators', () => {
  it('sets each indicator against the national target and the national value', () => {
    const wrapper = mountWall(PanelUnitIndicators, {
      props: { row: row({ actualClosureRate: 92.4, terminationComplianceRate: 89.0, petitionCompletionRate: 88.1, threeYearClosureRate: 81.0 }), national: indicators() },
    })
    expect(wrapper.attributes('data-panel')).toBe('unitIndicators')
    const items = wrapper.findAll('[data-testid="unit-indicator"]')
    expect(items.map(i => i.attributes('data-indicator'))).toEqual(['actualClosureRate', 'terminationComplianceRate', 'petitionCompletionRate', 'threeYearClosureRate'])
    const actual = wrapper.find('[data-indicator="actualClosureRate"]')
    expect(actual.attributes('data-met')).toBe('true')
    expect(actual.find('[data-testid="unit-indicator-value"]').text()).toBe('92.4%')
    expect(actual.text()).toContain('目标 90%')
    expect(actual.text()).toContain('全国 91.2%')
    expect(actual.find('[data-testid="unit-indicator-delta"]').text()).toBe('较全国 +1.2 个百分点')
    const termination = wrapper.find('[data-indicator="terminationComplianceRate"]')
    expect(termination.attributes('data-met')).toBe('false')
    expect(termination.find('[data-testid="unit-indicator-delta"]').text()).toBe('较全国 −4.5 个百分点')
    expect(wrapper.find('[data-indicator="petitionCompletionRate"] [data-testid="unit-indicator-delta"]').text()).toBe('较全国 ±0.0 个百分点')
    expect(wrapper.find('[data-indicator="threeYearClosureRate"]').attributes('data-met')).toBe('true')
    // the fill is scaled (a compositor transition), the ticks placed, on the same 0–1 scale
    const fill = actual.find('.unit-indicator__fill').attributes('style') ?? ''
    const tick = actual.find('.unit-indicator__tick--national').attributes('style') ?? ''
    const scale = Number(/scaleX\(([\d.]+)\)/.exec(fill)?.[1])
    const left = Number(/left: ([\d.]+)%/.exec(tick)?.[1]) / 100
    expect(scale).toBeGreaterThan(left)
    expect(scale).toBeLessThan(1)
  })

  it('shows the unit\'s values before the national figures arrive, and waits without a row', () => {
    const early = mountWall(PanelUnitIndicators, { props: { row: row({ actualClosureRate: 92.4 }), national: null } })
    expect(early.find('[data-indicator="actualClosureRate"]').attributes('data-met')).toBe('unknown')
    expect(early.find('[data-indicator="actualClosureRate"] [data-testid="unit-indicator-value"]').text()).toBe('92.4%')
    expect(early.text()).not.toMatch(/NaN|undefined/)
    const waiting = mountWall(PanelUnitIndicators, { props: { row: null, national: indicators() } })
    expect(waiting.find('[data-testid="panel-waiting"]').exists()).toBe(true)
  })
})
