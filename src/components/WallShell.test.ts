// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { battlePlan, indicators, kpi, provinceStats, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'
import * as v from 'valibot'
import { wallStateSchema, type WallState } from '~/protocol'
import { SCREEN_IDS } from '~/screens/registry'
import { useFeedHub } from '~/test/feed-hub'
import WallShell from './WallShell.vue'

const hub = useFeedHub({ at: TEST_TS })

/** A valid wall state; the schema fills the fields a test does not care about with their defaults. */
function wallState(overrides: Partial<WallState> = {}): WallState {
  return v.parse(wallStateSchema, {
    revision: 1,
    page: 'overview',
    focusUnitId: null,
    playlist: { items: [], running: false, index: 0, itemStartedAt: null, remainingMs: null },
    blackout: false,
    banner: null,
    updatedAt: TEST_TS,
    ...overrides,
  })
}

function snapshot(state: WallState): Promise<void> {
  return hub.snapshot({ 'national.kpi': kpi(), 'national.indicators': indicators(), 'province.stats': provinceStats(), 'battleplan.milestones': battlePlan(), 'wall.state': state })
}

function patchState(state: WallState): Promise<void> {
  return hub.patch('wall.state', state)
}

async function screenShown(wrapper: VueWrapper, id: string) {
  await vi.waitFor(async () => {
    await flushPromises()
    expect(wrapper.find(`[data-screen="${id}"]`).exists()).toBe(true)
  }, { timeout: 10_000 })
}

function key(name: string) {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: name }))
}

describe('WallShell', () => {
  it('shows the header and the overview page, every panel waiting for data', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    expect(wrapper.find('[data-testid="connection-badge"]').exists()).toBe(true)
    await screenShown(wrapper, 'overview')
    const panels = wrapper.findAll('[data-shown="true"] [data-panel]').map(p => p.attributes('data-panel'))
    expect(panels.sort()).toEqual(['battlePlan', 'heatmap', 'indicators', 'kpi', 'ranking'])
    expect(wrapper.findAll('[data-shown="true"] [data-testid="panel-waiting"]')).toHaveLength(5)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    // the shell carries the layout's CSS variables at real pixels
    expect(wrapper.attributes('style')).toMatch(/--fs-base:\s*\d+px/)
    expect(wrapper.find('[data-testid="wall-banner"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="playlist-progress"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="local-override"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('toggles the diagnostics overlay with d, hidden at first', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await flushPromises()
    expect(wrapper.find('[data-testid="diagnostics"]').exists()).toBe(false)
    key('d')
    await flushPromises()
    expect(wrapper.find('[data-testid="diagnostics"]').exists()).toBe(true)
    key('d')
    await flushPromises()
    expect(wrapper.find('[data-testid="diagnostics"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('tells the server which page it shows once live', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await flushPromises()
    await hub.snapshot({})
    const status = hub.received.find(m => m.type === 'status')
    expect(status && status.type === 'status' && status.data.page).toBe('overview')
    wrapper.unmount()
  })

  it('shows the page and the unit the server\'s wall state names', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await snapshot(wallState({ page: 'province', focusUnitId: '320000' }))
    await screenShown(wrapper, 'province')
    expect(wrapper.find('[data-screen="province"]').attributes('data-unit')).toBe('320000')
    expect(wrapper.find('[data-testid="unit-name"]').text()).toBe('江苏省')
    await patchState(wallState({ revision: 2, page: 'heatmap' }))
    await screenShown(wrapper, 'heatmap')
    const reports = hub.received.filter(m => m.type === 'status').map(m => m.type === 'status' ? m.data.page : '')
    expect(reports).toContain('heatmap')
    wrapper.unmount()
  })

  it('keeps a page it switched away from mounted and hidden, and shows that same page again', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await snapshot(wallState({ page: 'heatmap' }))
    await screenShown(wrapper, 'heatmap')
    const heatmap = wrapper.find('[data-screen="heatmap"]').element
    await patchState(wallState({ revision: 2, page: 'battleplan' }))
    await screenShown(wrapper, 'battleplan')
    const shown = () => wrapper.findAll('[data-shown="true"] [data-screen]').map(page => page.attributes('data-screen'))
    expect(shown()).toEqual(['battleplan'])
    expect(wrapper.find('[data-screen="heatmap"]').element).toBe(heatmap)
    expect(heatmap.closest('.wall-page')?.getAttribute('data-shown')).toBe('false')
    await patchState(wallState({ revision: 3, page: 'heatmap' }))
    await flushPromises()
    expect(shown()).toEqual(['heatmap'])
    expect(wrapper.find('[data-screen="heatmap"]').element).toBe(heatmap)
    wrapper.unmount()
  })

  it('keeps at most three pages mounted, dropping the one shown longest ago', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await snapshot(wallState({ page: 'overview' }))
    await screenShown(wrapper, 'overview')
    const mounted = () => wrapper.findAll('[data-screen]').map(page => page.attributes('data-screen')).sort()
    let revision = 2
    for (const page of ['heatmap', 'battleplan', 'overview', 'credit']) {
      await patchState(wallState({ revision: revision++, page }))
      await screenShown(wrapper, page)
    }
    expect(mounted()).toEqual(['battleplan', 'credit', 'overview'])
    expect(wrapper.findAll('[data-shown="true"] [data-screen]').map(page => page.attributes('data-screen'))).toEqual(['credit'])
    wrapper.unmount()
  })

  it('makes the running playlist\'s next page out of sight before it is shown', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    const playlist = { items: [{ page: 'overview', dwellSec: 60 }, { page: 'heatmap', dwellSec: 30 }], running: true, index: 0, itemStartedAt: Date.now(), remainingMs: null }
    await snapshot(wallState({ playlist }))
    await screenShown(wrapper, 'overview')
    await screenShown(wrapper, 'heatmap')
    const heatmap = wrapper.find('[data-screen="heatmap"]').element
    expect(heatmap.closest('.wall-page')?.getAttribute('data-shown')).toBe('false')
    await patchState(wallState({ revision: 2, page: 'heatmap', playlist: { ...playlist, index: 1 } }))
    await flushPromises()
    expect(wrapper.find('[data-screen="heatmap"]').element).toBe(heatmap)
    expect(heatmap.closest('.wall-page')?.getAttribute('data-shown')).toBe('true')
    wrapper.unmount()
  })

  it('shows the overview for a page it does not have, and notes it in diagnostics', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await snapshot(wallState({ page: 'not-installed' }))
    await screenShown(wrapper, 'overview')
    expect(wrapper.find('[data-testid="nav-note"]').exists()).toBe(false)
    key('d')
    await flushPromises()
    expect(wrapper.find('[data-testid="nav-note"]').text()).toContain('not-installed')
    key('d')
    wrapper.unmount()
  })

  it('blacks out to the standby screen without a single figure, and comes back', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await snapshot(wallState())
    await screenShown(wrapper, 'overview')
    expect(wrapper.findAll('[data-testid="kpi-value"]').length).toBeGreaterThan(0)
    await patchState(wallState({ revision: 2, blackout: true, banner: '内部会议' }))
    await flushPromises()
    const blackout = wrapper.find('[data-testid="blackout"]')
    expect(blackout.exists()).toBe(true)
    expect(blackout.text()).toContain('最高人民法院执行指挥中心')
    expect(wrapper.findAll('[data-panel], [data-screen], [data-testid="kpi-value"], [data-testid="wall-banner"], [data-testid="connection-badge"]')).toHaveLength(0)
    // nothing but the date and the clock: no counts, no percentages, no unit names
    expect(wrapper.text()).not.toMatch(/[万亿%件]|江苏|广东|内部会议/)
    // the keyboard does not page behind the standby screen
    key('ArrowRight')
    await flushPromises()
    expect(wrapper.find('[data-testid="local-override"]').exists()).toBe(false)
    await patchState(wallState({ revision: 3, blackout: false }))
    await screenShown(wrapper, 'overview')
    expect(wrapper.find('[data-testid="blackout"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the banner as text, markup and all', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await snapshot(wallState({ banner: '<img src=x onerror=alert(1)>' }))
    await flushPromises()
    const banner = wrapper.find('[data-testid="wall-banner"]')
    expect(banner.text()).toContain('<img src=x onerror=alert(1)>')
    expect(document.querySelector('img')).toBeNull()
    await patchState(wallState({ revision: 2, banner: null }))
    await flushPromises()
    expect(wrapper.find('[data-testid="wall-banner"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('pages locally on the arrow keys with a local mark, until the server changes its state', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await snapshot(wallState({ revision: 5, page: 'overview' }))
    await screenShown(wrapper, 'overview')
    key('ArrowRight')
    await screenShown(wrapper, SCREEN_IDS[1]!)
    expect(wrapper.find('[data-testid="local-override"]').exists()).toBe(true)
    expect(wrapper.attributes('data-local')).toBe('true')
    key('ArrowLeft')
    await screenShown(wrapper, 'overview')
    key('p')
    await flushPromises()
    expect(wrapper.find('[data-testid="local-override"]').attributes('data-playlist')).toBe('true')
    expect(wrapper.find('[data-testid="playlist-progress"]').attributes('data-source')).toBe('local')
    await patchState(wallState({ revision: 6, page: 'battleplan' }))
    await screenShown(wrapper, 'battleplan')
    expect(wrapper.find('[data-testid="local-override"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="playlist-progress"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('draws the server playlist\'s progress along the bottom edge while it runs', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    const playlist = { items: [{ page: 'overview', dwellSec: 60 }, { page: 'heatmap', dwellSec: 30 }], running: true, index: 0, itemStartedAt: Date.now() - 30_000, remainingMs: null }
    await snapshot(wallState({ playlist }))
    await flushPromises()
    const bar = wrapper.find('[data-testid="playlist-progress"]')
    expect(bar.attributes('data-source')).toBe('server')
    expect(Number(bar.attributes('data-fraction'))).toBeCloseTo(0.5, 1)
    await patchState(wallState({ revision: 2, playlist: { ...playlist, running: false, itemStartedAt: null, remainingMs: 20_000 } }))
    await flushPromises()
    expect(wrapper.find('[data-testid="playlist-progress"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
