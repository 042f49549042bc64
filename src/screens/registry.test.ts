import { describe, expect, it } from 'vitest'
import { pageId, TOPICS } from '~/protocol'
import * as v from 'valibot'
import { DEFAULT_PAGE, findScreen, SCREEN_IDS, SCREENS } from './registry'

describe('screen registry', () => {
  it('lists the overview as the default page', () => {
    expect(SCREEN_IDS).toContain('overview')
    expect(DEFAULT_PAGE).toBe('overview')
    expect(findScreen('overview')?.titles).toEqual({ zh: '全国总览', en: 'National Overview' })
    expect(findScreen('nope')).toBeUndefined()
  })

  it('has valid page ids, known topics, unique ids and sensible dwell times', () => {
    expect(new Set(SCREEN_IDS).size).toBe(SCREEN_IDS.length)
    for (const screen of SCREENS) {
      expect(v.is(pageId, screen.id)).toBe(true)
      expect(screen.topics.length).toBeGreaterThan(0)
      for (const topic of screen.topics)
        expect(TOPICS).toContain(topic)
      expect(screen.dwellSec).toBeGreaterThanOrEqual(5)
      expect(typeof screen.component).toBe('function')
    }
  })
})
