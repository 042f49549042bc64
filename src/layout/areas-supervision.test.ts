import { describe, expect, it } from 'vitest'
import { arrangementFor } from './areas'
import { WALL_PROFILES } from './profiles'

const PAGES: Record<string, { always: string[], optional: string[] }> = {
  auction: { always: ['kpi', 'classes', 'units'], optional: [] },
  quality: { always: ['pool', 'cycle', 'table', 'summary'], optional: ['units'] },
  rollcall: { always: ['summary', 'courts'], optional: [] },
}

/** Each name's cells must form one filled rectangle, or CSS grid drops the whole template. */
function isRectangular(areas: readonly string[], name: string): boolean {
  const cells: [number, number][] = []
  areas.forEach((row, r) => row.split(' ').forEach((cell, c) => cell === name && cells.push([r, c])))
  const rows = cells.map(([r]) => r)
  const cols = cells.map(([, c]) => c)
  return cells.length === (Math.max(...rows) - Math.min(...rows) + 1) * (Math.max(...cols) - Math.min(...cols) + 1)
}

describe('auction, quality and roll-call arrangements', () => {
  for (const [page, { always, optional }] of Object.entries(PAGES)) {
    it(`${page}: one per profile, matching its grid, every panel a rectangle`, () => {
      for (const profile of WALL_PROFILES) {
        const arrangement = arrangementFor(page, profile)!
        expect(arrangement, `${page} ${profile.id}`).not.toBeNull()
        // a stacked profile (a phone) has as many rows as the page has panels
        if (!profile.stacked)
          expect(arrangement.areas).toHaveLength(profile.rows)
        const names = new Set(arrangement.areas.flatMap(r => r.split(' ')))
        for (const row of arrangement.areas)
          expect(row.split(' '), `${page} ${profile.id}`).toHaveLength(profile.columns)
        for (const name of always)
          expect(names.has(name) && isRectangular(arrangement.areas, name), `${page} ${profile.id} ${name}`).toBe(true)
        for (const name of names)
          expect([...always, ...optional], `${page} ${profile.id}`).toContain(name)
        for (const name of optional.filter(n => names.has(n)))
          expect(isRectangular(arrangement.areas, name), `${page} ${profile.id} ${name}`).toBe(true)
      }
    })
  }

  it('leaves the units\' pools out on the 16:9 screen and the phone only', () => {
    for (const profile of WALL_PROFILES) {
      const names = arrangementFor('quality', profile)!.areas.join(' ')
      expect(names.includes('units'), profile.id).toBe(profile.id !== 'hd-16x9' && !profile.stacked)
    }
  })
})
