/**
 * What a one-topic function page (网络查控, 失信惩戒, 事项委托) needs from the wall: its CSS grid for
 * the wall's profile (src/layout/areas.ts), the type size for its charts, and its topic's age and
 * staleness, which every panel of the page shows.
 */
import { computed, type ComputedRef, type CSSProperties } from 'vue'
import { usePageGrid } from '~/layout/usePageGrid'
import { injectWallLayout } from '~/layout/useWallLayout'
import type { Topic } from '~/protocol'
import { type Freshness, useFreshness } from './useFreshness'

export interface FunctionPage {
  /** style for the page root: grid-template-areas, columns, rows */
  grid: ComputedRef<CSSProperties>
  /** body type size in px, for chart builders */
  fontPx: ComputedRef<number>
  /** v-bind for every panel: `stale` and `ageMs` of the page's topic (see useFreshness) */
  freshness: ComputedRef<Freshness>
}

export function useFunctionPage(pageId: string, topic: Topic): FunctionPage {
  const layout = injectWallLayout()
  return {
    grid: usePageGrid(pageId).style,
    fontPx: computed(() => layout.scale.value.base),
    freshness: useFreshness(topic),
  }
}
