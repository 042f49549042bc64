// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { mountWall } from '~/test/mount-wall'
import { useFeedHub } from '~/test/feed-hub'
import { kpi, TEST_SOURCE, TEST_TS } from '~/test/fixtures'
import WallHeader from './WallHeader.vue'

// 2025-03-05 10:00:00 in Beijing
const T0 = Date.UTC(2025, 2, 5, 2, 0, 0)
const hub = useFeedHub({ at: T0, timers: 'all' })

describe('WallHeader', () => {
  it('shows the title, the Beijing date and a ticking clock', async () => {
    const wrapper = mountWall(WallHeader)
    expect(wrapper.text()).toContain('最高人民法院执行指挥中心')
    expect(wrapper.text()).toContain('全国执行工作态势')
    expect(wrapper.find('[data-testid="wall-date"]').text()).toContain('2025年3月5日')
    expect(wrapper.find('[data-testid="wall-clock"]').text()).toBe('10:00:00')
    vi.advanceTimersByTime(2000)
    await nextTick()
    expect(wrapper.find('[data-testid="wall-clock"]').text()).toBe('10:00:02')
  })

  it('shows the connection state and the simulated-data mark only for a simulated source', async () => {
    const wrapper = mountWall(WallHeader)
    expect(wrapper.find('[data-testid="connection-badge"]').attributes('data-status')).toBe('connecting')
    expect(wrapper.find('[data-testid="simulated-mark"]').exists()).toBe(false)
    await hub.snapshot({ 'national.kpi': kpi() }, { ts: TEST_TS })
    await nextTick()
    expect(wrapper.find('[data-testid="connection-badge"]').attributes('data-status')).toBe('live')
    expect(wrapper.find('[data-testid="simulated-mark"]').text()).toBe('模拟数据')
    await hub.snapshot({}, { ts: TEST_TS, source: { ...TEST_SOURCE, simulated: false } })
    await nextTick()
    expect(wrapper.find('[data-testid="simulated-mark"]').exists()).toBe(false)
  })

  it('says 回放数据 when the source plays a recording', async () => {
    const wrapper = mountWall(WallHeader)
    await hub.snapshot({}, { ts: TEST_TS, source: { ...TEST_SOURCE, name: 'Replay morning.jsonl.gz (Simulator (seed 1))', simulated: true } })
    await nextTick()
    const mark = wrapper.find('[data-testid="simulated-mark"]')
    expect(mark.text()).toBe('回放数据')
    expect(mark.attributes('data-replay')).toBe('true')
  })

  it('shows a stalled source on the badge, with the age of the data itself, and live again without a reload', async () => {
    const wrapper = mountWall(WallHeader, {}, 'en')
    await hub.snapshot({ 'national.kpi': kpi({ asOf: T0 - 36_000 }) }, {
      ts: T0,
      upstream: { kind: 'http', state: 'stale', since: T0 - 26_000, reason: 'no valid data for 10 s', rejected: {} },
    })
    await nextTick()
    const badge = wrapper.find('[data-testid="connection-badge"]')
    expect(badge.attributes('data-status')).toBe('live')
    expect(badge.attributes('data-upstream')).toBe('stale')
    expect(badge.text()).toContain('Source stalled')
    expect(badge.text()).toContain('data 36 s old')
    await hub.patch('national.kpi', kpi({ asOf: T0 }), { ts: T0 })
    await hub.heartbeat({ ts: T0, upstream: { kind: 'http', state: 'live', since: T0, rejected: {} } })
    await nextTick()
    expect(wrapper.find('[data-testid="connection-badge"]').attributes('data-upstream')).toBeUndefined()
    expect(wrapper.find('[data-testid="connection-badge"]').text()).toContain('Live')
  })

  it('shows the simulated time beside the mark when a demo clock runs the source', async () => {
    const wrapper = mountWall(WallHeader)
    await hub.snapshot({}, { ts: TEST_TS, source: { ...TEST_SOURCE, clockOffsetMs: 30_000 } })
    await nextTick()
    expect(wrapper.find('[data-testid="simulated-clock"]').exists()).toBe(false)
    // real 10:00 in Beijing, the courts at 06:30
    await hub.snapshot({}, { ts: TEST_TS, source: { ...TEST_SOURCE, clockOffsetMs: -3.5 * 3_600_000 } })
    await nextTick()
    expect(wrapper.find('[data-testid="simulated-clock"]').text()).toContain('模拟时刻 06:30:00')
    expect(wrapper.find('[data-testid="wall-clock"]').text()).toBe('10:00:00')
  })
})
