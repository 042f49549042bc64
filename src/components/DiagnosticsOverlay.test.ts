// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { mountWall } from '~/test/mount-wall'
import { useFeedHub } from '~/test/feed-hub'
import { provinceStats, TEST_TS } from '~/test/fixtures'
import DiagnosticsOverlay from './DiagnosticsOverlay.vue'

const hub = useFeedHub({ at: TEST_TS })

/** A province.stats patch naming an unknown unit in row `row`: the wall refuses it. */
function unknownUnitPatch(row: number) {
  const stats = provinceStats()
  const units = stats.units.map((unit, i) => i === row ? { ...unit, unitId: `nowhere-${row}` } : unit)
  return (seq: number) => JSON.stringify({ v: 1, type: 'patch', seq, ts: TEST_TS, topic: 'province.stats', data: { ...stats, units } })
}

describe('DiagnosticsOverlay', () => {
  it('counts accepted messages and rejections by reason, and lists the last ten with detail', async () => {
    const wrapper = mountWall(DiagnosticsOverlay, {}, 'en')
    await hub.snapshot({})
    for (let i = 0; i < 12; i++)
      await hub.send(i % 3 === 0 ? `not json ${i}` : unknownUnitPatch(i))
    await nextTick()
    expect(wrapper.attributes('data-testid')).toBe('diagnostics')
    expect(wrapper.find('[data-testid="diagnostics-status"]').text()).toBe('Live')
    expect(wrapper.find('[data-testid="diagnostics-accepted"]').text()).toBe('1')
    expect(wrapper.find('[data-testid="diagnostics-rejected"]').text()).toBe('12')
    expect(wrapper.find('[data-reason="notJson"]').text()).toContain('4')
    expect(wrapper.find('[data-reason="badPayload"]').text()).toContain('8')
    expect(wrapper.find('[data-reason="oversized"]').text()).toContain('0')
    const recent = wrapper.findAll('[data-testid="recent-rejection"]')
    expect(recent).toHaveLength(10)
    expect(recent[0]!.text()).toContain('units.11.unitId: unknown unit "nowhere-11"')
    expect(recent[0]!.text()).toContain('province.stats')
  })

  it('shows the profile and viewport in use', () => {
    const wrapper = mountWall(DiagnosticsOverlay)
    expect(wrapper.text()).toMatch(/\d+ × \d+/)
    expect(wrapper.text()).toMatch(/hd-16x9|wall-/)
  })

  it('shows the upstream\'s state and lists the hub\'s rejects of it by reason, beside the wall\'s own', async () => {
    const wrapper = mountWall(DiagnosticsOverlay, {}, 'en')
    await hub.snapshot({})
    await hub.heartbeat({
      upstream: { kind: 'http', state: 'stale', since: TEST_TS, reason: 'HTTP 503 from /api/national', rejected: { badPayload: 3, startThrew: 1, someNewReason: 2 } },
    })
    await nextTick()
    const state = wrapper.find('[data-testid="diagnostics-upstream"]')
    expect(state.attributes('data-upstream')).toBe('stale')
    expect(state.text()).toContain('Stalled')
    expect(state.text()).toContain('HTTP 503 from /api/national')
    expect(wrapper.text()).toContain('Upstream rejections (http)')
    const reasons = wrapper.findAll('[data-testid="upstream-reject-reason"]')
    expect(reasons.map(r => r.attributes('data-reason'))).toEqual(['badPayload', 'someNewReason', 'startThrew'])
    expect(reasons[0]!.text()).toContain('Payload failed validation')
    expect(reasons[0]!.text()).toContain('3')
    expect(reasons[1]!.text()).toContain('someNewReason')
    expect(reasons[2]!.text()).toContain('Start failed')
  })

  it('lists no upstream rejects while there are none', () => {
    const wrapper = mountWall(DiagnosticsOverlay)
    expect(wrapper.findAll('[data-testid="upstream-reject-reason"]')).toHaveLength(0)
    expect(wrapper.find('[data-testid="diagnostics-upstream"]').text()).toBe('—')
  })
})
