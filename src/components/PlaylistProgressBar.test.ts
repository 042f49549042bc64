// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mountWall } from '~/test/mount-wall'
import type { NavProgress } from '~/screens/useWallNav'
import PlaylistProgressBar from './PlaylistProgressBar.vue'

const T0 = 1_000_000

function progress(overrides: Partial<NavProgress> = {}): NavProgress {
  return { source: 'server', startedAt: T0 - 15_000, dwellMs: 60_000, fraction: 0.25, remainingMs: 45_000, key: 'server:0:1', ...overrides }
}

describe('PlaylistProgressBar', () => {
  it('starts the fill at the item\'s elapsed time and runs it for the dwell', () => {
    const wrapper = mountWall(PlaylistProgressBar, { props: { progress: progress(), clock: () => T0 } })
    expect(wrapper.attributes('data-fraction')).toBe('0.250')
    expect(wrapper.attributes('data-source')).toBe('server')
    const fill = wrapper.find('.playlist-progress__fill')
    expect(fill.attributes('style')).toContain('animation-duration: 60000ms')
    expect(fill.attributes('style')).toContain('animation-delay: -15000ms')
    wrapper.unmount()
  })

  it('keeps the animation through clock ticks and restarts it for a new item', async () => {
    const wrapper = mountWall(PlaylistProgressBar, { props: { progress: progress(), clock: () => T0 } })
    const before = wrapper.find('.playlist-progress__fill').element
    await wrapper.setProps({ progress: progress({ fraction: 0.3, remainingMs: 42_000 }) })
    expect(wrapper.find('.playlist-progress__fill').element).toBe(before)
    expect(wrapper.attributes('data-fraction')).toBe('0.300')
    await wrapper.setProps({ progress: progress({ key: 'local:heatmap:5', source: 'local', startedAt: T0, dwellMs: 30_000, fraction: 0 }) })
    const fill = wrapper.find('.playlist-progress__fill')
    expect(fill.element).not.toBe(before)
    expect(fill.classes()).toContain('playlist-progress__fill--local')
    expect(fill.attributes('style')).toContain('animation-duration: 30000ms')
    wrapper.unmount()
  })
})
