// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { arrangementFor } from '~/layout/areas'
import { WALL_PROFILES } from '~/layout/profiles'
import { mountWall } from '~/test/mount-wall'
import { MEASURES_NOW, inquiryStats } from '~/test/measures-fixtures'
import { useFeedStore } from '~/stores/feed'
import { useFeedHub } from '~/test/feed-hub'
import { findScreen } from './registry'
import ScreenInquiry from './ScreenInquiry.vue'
import { expectEveryProfileArranged } from '~/test/arrangements'

const hub = useFeedHub({ at: MEASURES_NOW })

function snapshot(): Promise<void> {
  return hub.snapshot({ 'inquiry.stats': inquiryStats() })
}

describe('ScreenInquiry', () => {
  it('is a registered page fed by its own topic', () => {
    const entry = findScreen('inquiry')!
    expect(entry.topics).toEqual(['inquiry.stats'])
    expect(entry.titles.zh).toBe('网络查控')
  })

  it('waits, then passes the topic to its five panels', async () => {
    const wrapper = mountWall(ScreenInquiry, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('inquiry')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(5)
    await snapshot()
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-panel]').map(p => p.attributes('data-panel')).sort())
      .toEqual(['inquiryByAgency', 'inquiryByAssetKind', 'inquiryCounters', 'inquiryReach', 'inquiryTicker'])
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(6)
    expect(wrapper.findAll('[data-testid="ticker-row"]').length).toBeGreaterThan(0)
    expect(wrapper.find('[data-reach="banks"]').text()).toContain('3,800')
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('marks every panel stale when its topic goes quiet, keeping the figures', async () => {
    const wrapper = mountWall(ScreenInquiry, { attachTo: document.body })
    await snapshot()
    await flushPromises()
    vi.advanceTimersByTime(useFeedStore().staleAfterMs + 2000)
    await nextTick()
    expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(5)
    expect(wrapper.findAll('[data-testid="stale-mark"]')).toHaveLength(5)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(6)
    wrapper.unmount()
  })

  it('has an arrangement of all its panels on every wall profile', () => {
    expectEveryProfileArranged('inquiry', ['reach', 'counters', 'ticker', 'byAgency', 'byAssetKind'])
    expect(arrangementFor('inquiry', WALL_PROFILES.find(p => p.id === 'hd-16x9')!)!.areas[0]).toMatch(/^(reach ){3}(counters ?){5}$/)
  })
})
