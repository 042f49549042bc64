// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { computed } from 'vue'
import { useFeedHub } from '~/test/feed-hub'
import { indicators, kpi, provinceStats, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'
import type { ProvinceStats } from '~/protocol'
import { HISTORY_INTERVAL_MS } from '~/stores/history'
import ScreenProvince from './ScreenProvince.vue'
import { DEFAULT_FOCUS_UNIT_ID, WALL_NAV_KEY, type WallNav } from './useWallNav'

const hub = useFeedHub({ at: TEST_TS })

function stats(asOf: number, step: number): ProvinceStats {
  const base = provinceStats()
  return { asOf, units: base.units.map(u => ({ ...u, casesConcludedYtd: u.casesConcludedYtd + step * 100 })) }
}

async function feedData(): Promise<void> {
  await hub.snapshot({ 'province.stats': stats(TEST_TS, 0), 'national.kpi': kpi(), 'national.indicators': indicators() }, { ts: TEST_TS })
  for (let i = 1; i <= 4; i++)
    await hub.patch('province.stats', stats(TEST_TS + i * HISTORY_INTERVAL_MS, i), { ts: TEST_TS })
}

/** A navigation stand-in that focuses `unitId` (what WallShell provides on the wall). */
function navFocusing(unitId: string | null): Partial<WallNav> {
  return { focusUnitId: computed(() => unitId ?? DEFAULT_FOCUS_UNIT_ID), focusDefaulted: computed(() => unitId === null) }
}

describe('ScreenProvince', () => {
  it('shows the unit the navigation focuses: 江苏, its courts, counters, indicators and trend', async () => {
    const wrapper = mountWall(ScreenProvince, { global: { provide: { [WALL_NAV_KEY as symbol]: navFocusing('320000') } }, attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('province')
    expect(wrapper.attributes('data-unit')).toBe('320000')
    await feedData()
    await flushPromises()
    expect(wrapper.find('[data-testid="unit-name"]').text()).toBe('江苏省')
    expect(wrapper.find('[data-testid="courts-total"]').text()).toBe('共 125 家')
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(6)
    expect(wrapper.find('[data-kpi="casesReceivedYtd"] [data-testid="kpi-rank"]').text()).toBe('全国第 2 位')
    expect(wrapper.findAll('[data-testid="unit-indicator"]')).toHaveLength(4)
    expect(wrapper.find('[data-indicator="actualClosureRate"]').text()).toContain('目标 90%')
    expect(wrapper.find('[data-indicator="actualClosureRate"]').text()).toContain('全国 91.2%')
    // the history store kept one sample per interval since the wall started
    expect(wrapper.find('[data-panel="unitTrend"] .trend').attributes('data-points')).toBe('5')
    expect(wrapper.find('[data-testid="trend-window"]').text()).toBe('近 1分钟 · 每 15秒 采样 · 5 个点')
    expect(wrapper.find('[data-testid="focus-defaulted"]').exists()).toBe(false)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('shows the Corps with its own courts and figures', async () => {
    const wrapper = mountWall(ScreenProvince, { props: { unitId: 'XPCC' }, attachTo: document.body })
    await feedData()
    await flushPromises()
    expect(wrapper.attributes('data-unit')).toBe('XPCC')
    expect(wrapper.find('[data-testid="unit-name"]').text()).toBe('新疆生产建设兵团')
    expect(wrapper.find('[data-testid="corps-note"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="courts-total"]').text()).toBe('共 44 家')
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(6)
    expect(wrapper.find('[data-panel="unitKpis"]').text()).toContain('兵团 · 执行数据')
    wrapper.unmount()
  })

  it('shows the default unit, and says so, when nobody chose one', async () => {
    const wrapper = mountWall(ScreenProvince, { global: { provide: { [WALL_NAV_KEY as symbol]: navFocusing(null) } } })
    await flushPromises()
    expect(wrapper.attributes('data-unit')).toBe(DEFAULT_FOCUS_UNIT_ID)
    expect(wrapper.find('[data-testid="focus-defaulted"]').exists()).toBe(true)
    // before any data every figure panel waits; the profile (static data) is already there
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(3)
    wrapper.unmount()
  })

  it('marks the national figures beside the unit stale when they are, though the unit\'s row is fresh', async () => {
    const wrapper = mountWall(ScreenProvince, { props: { unitId: '320000' }, attachTo: document.body })
    await hub.snapshot({ 'province.stats': stats(TEST_TS, 0), 'national.kpi': kpi(), 'national.indicators': indicators() }, { ts: TEST_TS })
    await flushPromises()
    expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(0)
    vi.advanceTimersByTime(hub.store.staleAfterMs + 2000)
    await hub.patch('province.stats', stats(Date.now(), 1))
    await flushPromises()
    // counters beside national.kpi, indicators and trend beside national.indicators; the profile is static
    expect(wrapper.find('[data-panel="unitKpis"]').attributes('data-stale')).toBe('true')
    expect(wrapper.find('[data-panel="unitIndicators"]').attributes('data-stale')).toBe('true')
    expect(wrapper.find('[data-panel="unitTrend"]').attributes('data-stale')).toBe('true')
    expect(wrapper.findAll('[data-testid="stale-mark"]')).toHaveLength(3)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(6)
    wrapper.unmount()
  })
})
