/**
 * What a wall page needs from the wall: the feed, its CSS grid for the wall's profile
 * (src/layout/areas.ts) with the areas that profile places, and the type size for its charts. A
 * one-topic page (网络查控, 失信惩戒, 事项委托, 网拍监管) also gets its topic's payload and the topic's
 * age and staleness, which every panel of the page shows.
 */
import { computed, type ComputedRef } from 'vue'
import { type PageGrid, usePageGrid } from '~/layout/usePageGrid'
import { injectWallLayout } from '~/layout/useWallLayout'
import type { Topic, TopicPayload } from '~/protocol'
import { type FeedStore, useFeedStore } from '~/stores/feed'
import { type Freshness, useFreshness } from './useFreshness'

export interface WallPage {
  feed: FeedStore
  /** `grid.style` for the page root (grid-template-areas, columns, rows); `grid.has(area)` */
  grid: PageGrid
  /** body type size in px, for chart builders */
  fontPx: ComputedRef<number>
}

export function useWallPage(pageId: string): WallPage {
  const layout = injectWallLayout()
  return {
    feed: useFeedStore(),
    grid: usePageGrid(pageId),
    fontPx: computed(() => layout.scale.value.base),
  }
}

/** A topic's latest payload; null until the first arrives. */
export function useLatest<T extends Topic>(topic: T): ComputedRef<TopicPayload<T> | null> {
  const feed = useFeedStore()
  return computed(() => (feed.latest[topic] ?? null) as TopicPayload<T> | null)
}

export interface TopicPage<T extends Topic> extends WallPage {
  /** the topic's latest payload; null until the first arrives */
  stats: ComputedRef<TopicPayload<T> | null>
  /** v-bind for every panel: `stale` and `ageMs` of the page's topic (see useFreshness) */
  freshness: ComputedRef<Freshness>
}

export function useTopicPage<T extends Topic>(pageId: string, topic: T): TopicPage<T> {
  return {
    ...useWallPage(pageId),
    // one payload, read once: panels get its parts, which keep their identity until the next message
    stats: useLatest(topic),
    freshness: useFreshness(topic),
  }
}
