/**
 * A feed store driven by a fake data source, at a fixed time, for screen tests: registers its own
 * beforeEach/afterEach, and sends a live snapshot of whatever topics a test gives it.
 */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, vi } from 'vitest'
import type { TopicPayloads } from '~/protocol'
import { useFeedStore } from '~/stores/feed'
import { createFakeDataSource, type FakeDataSource } from './fake-data-source'
import { TEST_SOURCE } from './fixtures'

export interface FakeFeed {
  /** the source of the current test */
  readonly source: FakeDataSource
  /** go live with a snapshot of these topics */
  snapshot: (topics: Partial<TopicPayloads>) => void
}

export function useFakeFeed(now: number): FakeFeed {
  let source: FakeDataSource
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
    vi.setSystemTime(now)
    setActivePinia(createPinia())
    source = createFakeDataSource()
    useFeedStore().start(source)
  })
  afterEach(() => {
    useFeedStore().stop()
    vi.useRealTimers()
  })
  return {
    get source() { return source },
    snapshot(topics) {
      source.emitStatus('live')
      // sent now by the server's clock, which is the test's: the wall ages data by it
      source.emitMessage({ type: 'snapshot', seq: 0, ts: Date.now(), source: TEST_SOURCE, topics })
    },
  }
}
