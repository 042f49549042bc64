import { describe, expect, it } from 'vitest'
import { KEPT_PAGES_MAX, keptPages, playlistUpcoming, touch } from './keptPages'

const onDemand = new Set(['map3d'])

describe('keptPages', () => {
  it('keeps the page on screen and the last ones shown, at most three', () => {
    expect(KEPT_PAGES_MAX).toBe(3)
    expect(keptPages({ current: 'heatmap', recent: ['heatmap', 'overview', 'inquiry', 'credit'], upcoming: null, onDemand }))
      .toEqual(['heatmap', 'overview', 'inquiry'])
  })

  it('keeps the playlist\'s next page before the older pages shown', () => {
    expect(keptPages({ current: 'heatmap', recent: ['heatmap', 'overview', 'inquiry'], upcoming: 'credit', onDemand }))
      .toEqual(['heatmap', 'credit', 'overview'])
  })

  it('counts the next page once when it was shown recently as well', () => {
    expect(keptPages({ current: 'heatmap', recent: ['heatmap', 'overview', 'inquiry'], upcoming: 'overview', onDemand }))
      .toEqual(['heatmap', 'overview', 'inquiry'])
  })

  it('mounts an on-demand page only while it is on screen, and never keeps it after', () => {
    expect(keptPages({ current: 'map3d', recent: ['map3d', 'overview', 'inquiry'], upcoming: null, onDemand }))
      .toEqual(['map3d', 'overview', 'inquiry'])
    expect(keptPages({ current: 'overview', recent: ['overview', 'map3d', 'inquiry'], upcoming: 'map3d', onDemand }))
      .toEqual(['overview', 'inquiry'])
  })

  it('keeps nothing before a page is known', () => {
    expect(keptPages({ current: null, recent: [], upcoming: null, onDemand })).toEqual([])
  })
})

describe('touch', () => {
  it('moves the page shown to the front and drops the least recently shown', () => {
    expect(touch(['overview', 'inquiry', 'credit'], 'heatmap')).toEqual(['heatmap', 'overview', 'inquiry'])
    expect(touch(['overview', 'inquiry', 'credit'], 'credit')).toEqual(['credit', 'overview', 'inquiry'])
  })
})

describe('playlistUpcoming', () => {
  const items = [{ page: 'overview', dwellSec: 30 }, { page: 'inquiry', dwellSec: 30 }, { page: 'credit', dwellSec: 30 }]
  const playlist = { items, running: true, index: 0, itemStartedAt: 0, remainingMs: null }

  it('is the item after the current one, wrapping round at the end', () => {
    expect(playlistUpcoming(playlist)).toBe('inquiry')
    expect(playlistUpcoming({ ...playlist, index: 2 })).toBe('overview')
  })

  it('is none while the playlist is held, empty or of one item', () => {
    expect(playlistUpcoming({ ...playlist, running: false })).toBeNull()
    expect(playlistUpcoming({ ...playlist, items: [] })).toBeNull()
    expect(playlistUpcoming({ ...playlist, items: [items[0]!] })).toBeNull()
    expect(playlistUpcoming(undefined)).toBeNull()
  })
})
