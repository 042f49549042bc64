import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { wallStateSchema } from '~/protocol'
import { KEPT_PAGES_MAX, keptPages, touch, upcomingPage } from './keptPages'

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

describe('upcomingPage', () => {
  const items = [{ page: 'overview', dwellSec: 30 }, { page: 'inquiry', dwellSec: 30 }, { page: 'credit', dwellSec: 30 }]
  const playlist = { items, running: true, index: 0, itemStartedAt: 0, remainingMs: null }
  const state = v.parse(wallStateSchema, { revision: 1, page: 'overview', focusUnitId: null, playlist, blackout: false, banner: null, updatedAt: 0 })
  const step = (page: string) => ({ page, focusUnitId: null, rotate3d: true, drawRollCall: false, dwellSec: 10, caption: { 'zh-CN': '说明', 'en': 'Caption' } })
  const tour = { tour: { id: 'demo', title: { 'zh-CN': '演示', 'en': 'Demo' }, steps: [step('overview'), step('rollcall')] }, index: 0, running: true, stepStartedAt: 0, remainingMs: null }

  it('is the playlist\'s item after the current one, wrapping round at the end', () => {
    expect(upcomingPage(state)).toBe('inquiry')
    expect(upcomingPage({ ...state, page: 'credit', playlist: { ...playlist, index: 2 } })).toBe('overview')
  })

  it('is none while the playlist is held, empty or of one item', () => {
    expect(upcomingPage({ ...state, playlist: { ...playlist, running: false } })).toBeNull()
    expect(upcomingPage({ ...state, playlist: { ...playlist, items: [] } })).toBeNull()
    expect(upcomingPage({ ...state, playlist: { ...playlist, items: [items[0]!] } })).toBeNull()
    expect(upcomingPage(undefined)).toBeNull()
  })

  it('is a running tour\'s next step before the playlist, and none after its last step', () => {
    expect(upcomingPage({ ...state, tour })).toBe('rollcall')
    expect(upcomingPage({ ...state, page: 'rollcall', tour: { ...tour, index: 1 } })).toBeNull()
    expect(upcomingPage({ ...state, tour: { ...tour, running: false } })).toBeNull()
  })
})
