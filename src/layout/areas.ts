/**
 * Where each panel of a page sits on each wall profile, as CSS grid-template-areas. Walls of the
 * same shape share an arrangement; the 16:9 screen gets its own, because the ultra-wide one would
 * leave its panels a few hundred pixels wide.
 * A page that has no entry for a profile falls back to its 'default' arrangement.
 */
import type { WallProfile } from './profiles'

/** One arrangement: rows of area names, one name per grid column (CSS grid-template-areas). */
export interface Arrangement {
  areas: readonly string[]
  /** CSS grid-template-rows; default: equal rows */
  rows?: string
}

const row = (...cells: [name: string, span: number][]) => cells.map(([name, span]) => Array(span).fill(name).join(' ')).join(' ')

/** 16 columns: 4 KPI | 5 map | 4 gauges | 3 ranking; the battle plan under them, full width. */
function ultraWide16(topRows: number, timelineRows: number): Arrangement {
  const top = row(['kpi', 4], ['heatmap', 5], ['indicators', 4], ['ranking', 3])
  return { areas: [...Array(topRows).fill(top), ...Array(timelineRows).fill(row(['battlePlan', 16]))] }
}

const OVERVIEW: Record<string, Arrangement> = {
  'wall-48x9': {
    areas: [
      ...Array(4).fill(row(['kpi', 6], ['heatmap', 7], ['indicators', 6], ['ranking', 5])),
      ...Array(2).fill(row(['battlePlan', 24])),
    ],
  },
  'wall-32x9': ultraWide16(4, 2),
  'wall-5760': ultraWide16(3, 1),
  'wall-3840': {
    areas: [
      ...Array(3).fill(row(['kpi', 3], ['heatmap', 4], ['indicators', 3], ['ranking', 2])),
      row(['battlePlan', 12]),
    ],
  },
  'hd-16x9': {
    areas: [
      row(['kpi', 8]),
      row(['heatmap', 4], ['indicators', 4]),
      row(['heatmap', 4], ['indicators', 4]),
      row(['heatmap', 4], ['ranking', 4]),
      row(['heatmap', 4], ['ranking', 4]),
      row(['battlePlan', 8]),
    ],
    // The KPI strip needs less than the battle plan; both need more than a sixth at 1080 px.
    rows: '1.1fr 1fr 1fr 1fr 1fr 1.35fr',
  },
  default: ultraWide16(4, 2),
}

export const PAGE_ARRANGEMENTS: Record<string, Record<string, Arrangement>> = {
  overview: OVERVIEW,
}

/** The arrangement of `page` on `profile`; null when the page has none (it then lays itself out). */
export function arrangementFor(page: string, profile: WallProfile): Arrangement | null {
  const byProfile = PAGE_ARRANGEMENTS[page]
  if (!byProfile)
    return null
  return byProfile[profile.id] ?? byProfile.default ?? null
}

/** CSS value for grid-template-areas. */
export function areasCss(arrangement: Arrangement): string {
  return arrangement.areas.map(r => `"${r}"`).join(' ')
}
