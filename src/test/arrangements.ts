/** A check shared by the function pages' tests: the page's arrangement fits every wall profile. */
import { expect } from 'vitest'
import { arrangementFor } from '~/layout/areas'
import { WALL_PROFILES } from '~/layout/profiles'

/** Each name's cells must form one filled rectangle, or CSS grid drops the whole template. */
function isRectangular(areas: readonly string[], name: string): boolean {
  const cells: [number, number][] = []
  areas.forEach((row, r) => row.split(' ').forEach((cell, c) => cell === name && cells.push([r, c])))
  if (cells.length === 0)
    return false
  const rows = cells.map(([r]) => r)
  const cols = cells.map(([, c]) => c)
  return cells.length === (Math.max(...rows) - Math.min(...rows) + 1) * (Math.max(...cols) - Math.min(...cols) + 1)
}

/** Every profile has its own arrangement of the page, matching its grid, with every panel as one rectangle and nothing else. */
export function expectEveryProfileArranged(page: string, panels: readonly string[]): void {
  for (const profile of WALL_PROFILES) {
    const arrangement = arrangementFor(page, profile)
    expect(arrangement, profile.id).not.toBeNull()
    // a stacked profile (a phone) has as many rows as the page has panels
    if (!profile.stacked)
      expect(arrangement!.areas, profile.id).toHaveLength(profile.rows)
    for (const row of arrangement!.areas)
      expect(row.split(' '), profile.id).toHaveLength(profile.columns)
    for (const panel of panels)
      expect(isRectangular(arrangement!.areas, panel), `${profile.id} ${panel}`).toBe(true)
    expect(new Set(arrangement!.areas.flatMap(r => r.split(' '))), profile.id).toEqual(new Set(panels))
    if (arrangement!.rows)
      expect(arrangement!.rows.split(' '), profile.id).toHaveLength(arrangement!.areas.length)
  }
}
