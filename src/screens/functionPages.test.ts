// @vitest-environment happy-dom
/** The one-topic function pages (失信惩戒, 事项委托, 网络查控): what each guarantees, checked alike. */
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick, type Component } from 'vue'
import { arrangementFor } from '~/layout/areas'
import { WALL_PROFILES } from '~/layout/profiles'
import type { Topic } from '~/protocol'
import { useFeedStore } from '~/stores/feed'
import { expectEveryProfileArranged } from '~/test/arrangements'
import { useFeedHub } from '~/test/feed-hub'
import { creditStats, delegationStats, inquiryStats, MEASURES_NOW } from '~/test/measures-fixtures'
import { mountWall } from '~/test/mount-wall'
import { findScreen } from './registry'
import ScreenCredit from './ScreenCredit.vue'
import ScreenDelegation from './ScreenDelegation.vue'
import ScreenInquiry from './ScreenInquiry.vue'

const hub = useFeedHub({ at: MEASURES_NOW })

interface FunctionPage {
  id: string
  screen: Component
  title: string
  topic: Topic
  payload: () => unknown
  /** data-panel ids, sorted */
  panels: string[]
  /** grid areas, in the arrangement's order */
  areas: string[]
  kpis: number
  /** what else the page shows once its topic is in */
  shows: (wrapper: VueWrapper) => void
}

const PAGES: FunctionPage[] = [
  {
    id: 'credit',
    screen: ScreenCredit,
    title: '失信惩戒',
    topic: 'credit.stats',
    payload: () => creditStats(),
    panels: ['creditBans', 'creditByUnit', 'creditHistory', 'creditList'],
    areas: ['list', 'bans', 'history', 'byUnit'],
    kpis: 6,
    shows: (wrapper) => {
      expect(wrapper.findAll('[data-testid="ranking-row"]')).toHaveLength(32)
      expect(wrapper.find('[data-testid="legend-simulated"]').exists()).toBe(true)
    },
  },
  {
    id: 'delegation',
    screen: ScreenDelegation,
    title: '事项委托',
    topic: 'delegation.stats',
    payload: () => delegationStats(),
    panels: ['delegationCounters', 'delegationMap', 'delegationTopFlows'],
    areas: ['counters', 'map', 'topFlows'],
    kpis: 4,
    shows: (wrapper) => {
      expect(wrapper.findAll('[data-testid="flow-row"]')).toHaveLength(7)
      expect(wrapper.find('[data-testid="corps-note"]').text()).toContain('兵团')
      expect(wrapper.find('[data-testid="footnote"]').text()).toContain('6.3亿元')
    },
  },
  {
    id: 'inquiry',
    screen: ScreenInquiry,
    title: '网络查控',
    topic: 'inquiry.stats',
    payload: () => inquiryStats(),
    panels: ['inquiryByAgency', 'inquiryByAssetKind', 'inquiryCounters', 'inquiryReach', 'inquiryTicker'],
    areas: ['reach', 'counters', 'ticker', 'byAgency', 'byAssetKind'],
    kpis: 6,
    shows: (wrapper) => {
      expect(wrapper.findAll('[data-testid="ticker-row"]').length).toBeGreaterThan(0)
      expect(wrapper.find('[data-reach="banks"]').text()).toContain('3,800')
    },
  },
]

describe.each(PAGES)('the $id page', (page) => {
  const snapshot = () => hub.snapshot({ [page.topic]: page.payload() })

  it('is a registered page fed by its own topic', () => {
    const entry = findScreen(page.id)!
    expect(entry.topics).toEqual([page.topic])
    expect(entry.titles.zh).toBe(page.title)
  })

  it('waits, then passes the topic to all its panels', async () => {
    const wrapper = mountWall(page.screen, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe(page.id)
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(page.panels.length)
    await snapshot()
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-panel]').map(p => p.attributes('data-panel')).sort()).toEqual(page.panels)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(page.kpis)
    page.shows(wrapper)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('marks every panel stale when its topic goes quiet, keeping the figures', async () => {
    const wrapper = mountWall(page.screen, { attachTo: document.body })
    await snapshot()
    await flushPromises()
    vi.advanceTimersByTime(useFeedStore().staleAfterMs + 2000)
    await nextTick()
    expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(page.panels.length)
    expect(wrapper.findAll('[data-testid="stale-mark"]')).toHaveLength(page.panels.length)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(page.kpis)
    wrapper.unmount()
  })

  it('has an arrangement of all its panels on every wall profile', () => {
    expectEveryProfileArranged(page.id, page.areas)
  })
})

describe('the inquiry page on a 16:9 screen', () => {
  it('puts the reach and the counters in its first row', () => {
    expect(arrangementFor('inquiry', WALL_PROFILES.find(p => p.id === 'hd-16x9')!)!.areas[0]).toMatch(/^(reach ){3}(counters ?){5}$/)
  })
})
