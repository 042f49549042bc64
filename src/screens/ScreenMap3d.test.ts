// @vitest-environment happy-dom
// ScreenMap3d.vue: what it reads from the feed store and hands to the panel.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import PanelMap3d from '~/panels/PanelMap3d.vue'
import { provinceStats } from '~/test/fixtures'
import { mountWall } from '~/test/mount-wall'
import type { TopicPayloads } from '~/protocol'
import ScreenMap3d from '~/screens/ScreenMap3d.vue'
import { useFeedStore } from '~/stores/feed'

beforeEach(() => {
  setActivePinia(createPinia())
})

function mountScreen() {
  return mountWall(ScreenMap3d, { global: { stubs: { PanelMap3d: true } } })
}

describe('ScreenMap3d', () => {
  it('passes the province figures and their freshness to the 3D panel, received cases first', () => {
    const feed = useFeedStore()
    const stats = provinceStats()
    feed.latest = { 'province.stats': stats }
    feed.receivedAt = { 'province.stats': feed.now }
    const wrapper = mountScreen()
    expect(wrapper.find('[data-screen="map3d"]').exists()).toBe(true)
    const panel = wrapper.findComponent(PanelMap3d)
    expect(panel.props('units')).toBe(stats.units)
    expect(panel.props('metric')).toBe('casesReceivedYtd')
    expect(panel.props('metricLabel')).toBe('受理')
    expect(panel.props('stale')).toBe(false)
    expect(panel.props('rotating')).toBe(true)
  })

  it('hands over null before the figures arrive, and the operator\'s rotation switch when the wall state has one', () => {
    const feed = useFeedStore()
    feed.latest = { 'wall.state': { rotate3d: false } as unknown as TopicPayloads['wall.state'] }
    const wrapper = mountScreen()
    const panel = wrapper.findComponent(PanelMap3d)
    expect(panel.props('units')).toBeNull()
    expect(panel.props('rotating')).toBe(false)
  })
})
