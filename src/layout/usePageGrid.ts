/**
 * A page's CSS grid from its arrangement in areas.ts for the wall's profile: template areas,
 * equal columns, and the arrangement's rows. Empty when the page has no arrangement.
 */
import { computed, type ComputedRef, type CSSProperties } from 'vue'
import { areasCss, arrangementFor, type Arrangement } from './areas'
import { injectWallLayout } from './useWallLayout'

export interface PageGrid {
  style: ComputedRef<CSSProperties>
  /** the arrangement in use, or null */
  arrangement: ComputedRef<Arrangement | null>
  /** whether the arrangement places a panel of this area name (a small wall may leave one out) */
  has: (area: string) => boolean
}

export function usePageGrid(page: string): PageGrid {
  const layout = injectWallLayout()
  const arrangement = computed(() => arrangementFor(page, layout.profile.value))
  const style = computed<CSSProperties>(() => {
    const a = arrangement.value
    if (!a)
      return {}
    const columns = a.areas[0]?.split(' ').length ?? layout.profile.value.columns
    return {
      gridTemplateAreas: areasCss(a),
      gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
      gridTemplateRows: a.rows ?? `repeat(${a.areas.length}, minmax(0, 1fr))`,
    }
  })
  const names = computed(() => new Set(arrangement.value?.areas.flatMap(r => r.split(' ')) ?? []))
  return { style, arrangement, has: area => arrangement.value === null || names.value.has(area) }
}
