import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import type { WallState } from '~/protocol'
import { useFeedStore } from '~/stores/feed'
import { createFakeDataSource } from '~/test/fake-data-source'
import { TEST_SOURCE, TEST_TS } from '~/test/fixtures'
import { pageFromState, useCurrentPage } from './useCurrentPage'

function wallState(page: string): WallState {
  return {
    revision: 1,
    page,
    focusUnitId: null,
    playlist: { items: [], running: false, index: 0, itemStartedAt: null, remainingMs: null },
    blackout: false,
    banner: null,
    updatedAt: TEST_TS,
  }
}

describe('useCurrentPage', () => {
  it('shows a registered page the wall state names, else the overview', () => {
    expect(pageFromState('overview')).toBe('overview')
    expect(pageFromState('not-a-page')).toBe('overview')
    expect(pageFromState(undefined)).toBe('overview')
  })

  it('follows the wall.state topic', () => {
    setActivePinia(createPinia())
    const ds = createFakeDataSource()
    const feed = useFeedStore()
    feed.start(ds)
    const scope = effectScope()
    const page = scope.run(() => useCurrentPage())!
    expect(page.value).toBe('overview')
    ds.emitMessage({ type: 'patch', seq: 1, ts: TEST_TS, topic: 'wall.state', data: wallState('unknown-page') })
    expect(page.value).toBe('overview')
    ds.emitMessage({ type: 'snapshot', seq: 2, ts: TEST_TS, source: TEST_SOURCE, topics: { 'wall.state': wallState('overview') } })
    expect(page.value).toBe('overview')
    scope.stop()
    feed.stop()
  })
})
