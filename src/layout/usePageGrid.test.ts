// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, effectScope, h } from 'vue'
import { arrangementFor } from './areas'
import { WALL_PROFILES } from './profiles'
import { usePageGrid, type PageGrid } from './usePageGrid'
import { useWallLayout, WALL_LAYOUT_KEY } from './useWallLayout'

const PAGES: Record<string, string[]> = {
  heatmap: ['heatmap', 'ranking'],
  battleplan: ['battlePlan', 'summary', 'tasks'],
  province: ['profile', 'kpis', 'indicators', 'trend'],
}

/** Each name's cells must form one filled rectangle, or CSS grid drops the whole template. */
function isRectangular(areas: readonly string[], name: string): boolean {
  const cells: [number, number][] = []
  areas.forEach((row, r) => row.split(' ').forEach((cell, c) => cell === name && cells.push([r, c])))
  if (cells.length === 0)
    return true
  const rows = cells.map(([r]) => r)
  const cols = cells.map(([, c]) => c)
  return cells.length === (Math.max(...rows) - Math.min(...rows) + 1) * (Math.max(...cols) - Math.min(...cols) + 1)
}

describe('page arrangements of the region, battle-plan and focus pages', () => {
  it('fit every profile\'s grid, with every panel a rectangle', () => {
    for (const [page, panels] of Object.entries(PAGES)) {
      for (const profile of WALL_PROFILES) {
        const arrangement = arrangementFor(page, profile)!
        expect(arrangement, `${page} ${profile.id}`).not.toBeNull()
        if (!profile.stacked)
          expect(arrangement.areas, `${page} ${profile.id}`).toHaveLength(profile.rows)
        for (const row of arrangement.areas)
          expect(row.split(' '), `${page} ${profile.id}`).toHaveLength(profile.columns)
        const placed = new Set(arrangement.areas.flatMap(r => r.split(' ')))
        for (const panel of panels) {
          expect(placed.has(panel), `${page} ${profile.id} ${panel}`).toBe(true)
          expect(isRectangular(arrangement.areas, panel), `${page} ${profile.id} ${panel}`).toBe(true)
        }
      }
    }
  })
})

describe('the battle-plan page', () => {
  it('shows the indicators beside the tasks on the ultra-wide walls, and leaves them to the overview at 1080 px', () => {
    const profile = (id: string) => WALL_PROFILES.find(p => p.id === id)!
    expect(arrangementFor('battleplan', profile('wall-32x9'))!.areas.at(-1)).toContain('indicators')
    expect(arrangementFor('battleplan', profile('hd-16x9'))!.areas.join(' ')).not.toContain('indicators')
  })
})

describe('usePageGrid', () => {
  it('turns the arrangement for the wall\'s profile into grid styles', () => {
    let grid: PageGrid | undefined
    const Probe = defineComponent({
      setup() {
        grid = usePageGrid('heatmap')
        return () => h('div')
      },
    })
    const layout = effectScope().run(() => useWallLayout({ profileId: 'wall-32x9', window: { innerWidth: 7680, innerHeight: 2160, addEventListener: () => {}, removeEventListener: () => {} } }))!
    mount(Probe, { global: { provide: { [WALL_LAYOUT_KEY as symbol]: layout } } })
    expect(grid!.style.value.gridTemplateColumns).toBe('repeat(16, minmax(0, 1fr))')
    expect(String(grid!.style.value.gridTemplateAreas)).toMatch(/^"heatmap( heatmap){4}( ranking){11}"/)
    expect(grid!.has('ranking')).toBe(true)
    expect(grid!.has('nothing')).toBe(false)
  })
})
