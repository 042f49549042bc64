import { describe, expect, it } from 'vitest'
import { areasCss, arrangementFor, PAGE_ARRANGEMENTS } from './areas'
import { WALL_PROFILES } from './profiles'

const OVERVIEW_PANELS = ['kpi', 'heatmap', 'indicators', 'ranking', 'battlePlan']

/** Each name's cells must form one filled rectangle, or CSS grid drops the whole template. */
function isRectangular(areas: readonly string[], name: string): boolean {
  const cells: [number, number][] = []
  areas.forEach((row, r) => row.split(' ').forEach((cell, c) => cell === name && cells.push([r, c])))
  const rows = cells.map(([r]) => r)
  const cols = cells.map(([, c]) => c)
  const height = Math.max(...rows) - Math.min(...rows) + 1
  const width = Math.max(...cols) - Math.min(...cols) + 1
  return cells.length === height * width
}

describe('overview arrangements', () => {
  it('has one for every wall profile, matching its grid, with every panel as a rectangle', () => {
    for (const profile of WALL_PROFILES) {
      const arrangement = arrangementFor('overview', profile)!
      expect(arrangement, profile.id).not.toBeNull()
      // a stacked profile (a phone) has as many rows as the page has panels
      if (!profile.stacked)
        expect(arrangement.areas).toHaveLength(profile.rows)
      for (const row of arrangement.areas)
        expect(row.split(' '), profile.id).toHaveLength(profile.columns)
      for (const panel of OVERVIEW_PANELS)
        expect(isRectangular(arrangement.areas, panel), `${profile.id} ${panel}`).toBe(true)
      if (arrangement.rows)
        expect(arrangement.rows.split(' ')).toHaveLength(arrangement.areas.length)
    }
  })

  it('lays the 16:9 screen out differently from the ultra-wide walls', () => {
    const hd = arrangementFor('overview', WALL_PROFILES.find(p => p.id === 'hd-16x9')!)!
    const wide = arrangementFor('overview', WALL_PROFILES.find(p => p.id === 'wall-32x9')!)!
    expect(hd.areas[0]).toMatch(/^(kpi ?){8}$/)
    expect(wide.areas[0]!.startsWith('kpi kpi kpi kpi heatmap')).toBe(true)
  })

  it('falls back to the default for an unknown profile, and to none for an unknown page', () => {
    const odd = { id: 'odd', width: 1000, height: 1000, columns: 3, rows: 3, label: '' }
    expect(arrangementFor('overview', odd)).toBe(PAGE_ARRANGEMENTS.overview!.default)
    expect(arrangementFor('nope', odd)).toBeNull()
  })

  it('writes grid-template-areas as quoted rows', () => {
    expect(areasCss({ areas: ['a b', 'c d'] })).toBe('"a b" "c d"')
  })
})
