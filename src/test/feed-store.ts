/**
 * The feed store on a fake data source and fake timers, for unit tests of the store and of what
 * reads it: the clock starts at `at`, and the store is started on the returned source.
 */
import { createPinia, setActivePinia } from 'pinia'
import { vi } from 'vitest'
import { useFeedStore } from '~/stores/feed'
import { createFakeDataSource, type FakeDataSource } from './fake-data-source'

export interface FakeFeed {
  ds: FakeDataSource
  feed: ReturnType<typeof useFeedStore>
}

/** Call in beforeEach; `stopFakeFeed` in afterEach. */
export function startFakeFeed(at: number): FakeFeed {
  vi.useFakeTimers()
  vi.setSystemTime(at)
  setActivePinia(createPinia())
  const ds = createFakeDataSource()
  const feed = useFeedStore()
  feed.start(ds)
  return { ds, feed }
}

export function stopFakeFeed({ feed }: FakeFeed): void {
  feed.stop()
  vi.useRealTimers()
}
