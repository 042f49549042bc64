// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { computed } from 'vue'
import { indicators, kpi, provinceStats, TEST_SOURCE, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'
import type { ProvinceStats } from '~/protocol'
import { useFeedStore } from '~/stores/feed'
import { HISTORY_INTERVAL_MS } from '~/stores/history'
import { createFakeDataSource, type FakeDataSource } from '~/test/fake-data-source'
import ScreenProvince from './ScreenProvince.vue'
import { DEFAULT_FOCUS_UNIT_ID, WALL_NAV_KEY, type WallNav } from './useWallNav'

let ds: FakeDataSource
let seq = 0

beforeEach(() => {
  setActivePinia(createPinia())
  ds = createFakeDataSource()
  seq = 0
  useFeedStore().start(ds)
})

afterEach(() => useFeedStore().stop())

function stats(asOf: number, step: number): ProvinceStats {
  const base = provinceStats()
  return { asOf, units: base.units.map(u => ({ ...u, casesConcludedYtd: u.casesConcludedYtd + step * 100 })) }
}

function feedData() {
  ds.emitStatus('live')
  ds.emitMessage({ type: 'snapshot', seq: seq++, ts: TEST_TS, source: TEST_SOURCE, topics: { 'province.stats': stats(TEST_TS, 0), 'national.kpi': kpi(), 'national.indicators': indicators() } })
  for (let i = 1; i <= 4; i++)
    ds.emitMessage({ type: 'patch', seq: seq++, ts: TEST_TS, topic: 'province.stats', data: stats(TEST_TS + i * HISTORY_INTERVAL_MS, i) })
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
    feedData()
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
    feedData()
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
    useFeedStore().stop()
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
    vi.setSystemTime(TEST_TS)
    try {
      setActivePinia(createPinia())
      ds = createFakeDataSource()
      const feed = useFeedStore()
      feed.start(ds)
      const wrapper = mountWall(ScreenProvince, { props: { unitId: '320000' }, attachTo: document.body })
      ds.emitStatus('live')
      ds.emitMessage({ type: 'snapshot', seq: 0, ts: TEST_TS, source: TEST_SOURCE, topics: { 'province.stats': stats(TEST_TS, 0), 'national.kpi': kpi(), 'national.indicators': indicators() } })
      await flushPromises()
      expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(0)
      vi.advanceTimersByTime(feed.staleAfterMs + 2000)
      ds.emitMessage({ type: 'patch', seq: 1, ts: Date.now(), topic: 'province.stats', data: stats(Date.now(), 1) })
      await flushPromises()
      // counters beside national.kpi, indicators and trend beside national.indicators; the profile is static
      expect(wrapper.find('[data-panel="unitKpis"]').attributes('data-stale')).toBe('true')
      expect(wrapper.find('[data-panel="unitIndicators"]').attributes('data-stale')).toBe('true')
      expect(wrapper.find('[data-panel="unitTrend"]').attributes('data-stale')).toBe('true')
      expect(wrapper.findAll('[data-testid="stale-mark"]')).toHaveLength(3)
      expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(6)
      wrapper.unmount()
    }
    finally {
      vi.useRealTimers()
    }
  })
})
