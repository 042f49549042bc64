// @vitest-environment happy-dom
// ScreenMap3d.vue: what it reads from the feed store and hands to the panel.
import { describe, expect, it } from 'vitest'
import { createDefaultWallState } from '~/control/state'
import PanelMap3d from '~/panels/PanelMap3d.vue'
import { useFeedHub } from '~/test/feed-hub'
import { provinceStats, TEST_TS } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'
import ScreenMap3d from './ScreenMap3d.vue'

const hub = useFeedHub({ at: TEST_TS })

function mountScreen() {
  return mountWall(ScreenMap3d, { global: { stubs: { PanelMap3d: true } } })
}

describe('ScreenMap3d', () => {
  it('passes the province figures and their freshness to the 3D panel, received cases first', async () => {
    await hub.snapshot({ 'province.stats': provinceStats() })
    const wrapper = mountScreen()
    expect(wrapper.find('[data-screen="map3d"]').exists()).toBe(true)
    const panel = wrapper.findComponent(PanelMap3d)
    expect(panel.props('units')).toEqual(provinceStats().units)
    expect(panel.props('units')).toBe(hub.store.latest['province.stats']?.units)
    expect(panel.props('metric')).toBe('casesReceivedYtd')
    expect(panel.props('metricLabel')).toBe('受理')
    expect(panel.props('stale')).toBe(false)
    expect(panel.props('rotating')).toBe(true)
  })

  it('hands over null before the figures arrive, and the operator\'s rotation switch when the wall state has one', async () => {
    await hub.snapshot({ 'wall.state': { ...createDefaultWallState(TEST_TS, 'map3d'), rotate3d: false } })
    const wrapper = mountScreen()
    const panel = wrapper.findComponent(PanelMap3d)
    expect(panel.props('units')).toBeNull()
    expect(panel.props('rotating')).toBe(false)
  })
})
