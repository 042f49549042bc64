// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { mountWall } from '~/test/mount-wall'
import { MEASURES_NOW, creditStats } from '~/test/measures-fixtures'
import { useFeedStore } from '~/stores/feed'
import { useFeedHub } from '~/test/feed-hub'
import { findScreen } from './registry'
import ScreenCredit from './ScreenCredit.vue'
import { expectEveryProfileArranged } from '~/test/arrangements'

const hub = useFeedHub({ at: MEASURES_NOW })

function snapshot(): Promise<void> {
  return hub.snapshot({ 'credit.stats': creditStats() })
}

describe('ScreenCredit', () => {
  it('is a registered page fed by its own topic', () => {
    const entry = findScreen('credit')!
    expect(entry.topics).toEqual(['credit.stats'])
    expect(entry.titles.zh).toBe('失信惩戒')
  })

  it('waits, then passes the topic to its 4 panels', async () => {
    const wrapper = mountWall(ScreenCredit, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('credit')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(4)
    await snapshot()
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-panel]').map(p => p.attributes('data-panel')).sort())
      .toEqual(['creditBans', 'creditByUnit', 'creditHistory', 'creditList'])
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(6)
    expect(wrapper.findAll('[data-testid="ranking-row"]')).toHaveLength(32)
    expect(wrapper.find('[data-testid="legend-simulated"]').exists()).toBe(true)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('marks every panel stale when its topic goes quiet, keeping the figures', async () => {
    const wrapper = mountWall(ScreenCredit, { attachTo: document.body })
    await snapshot()
    await flushPromises()
    vi.advanceTimersByTime(useFeedStore().staleAfterMs + 2000)
    await nextTick()
    expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(4)
    expect(wrapper.findAll('[data-testid="stale-mark"]')).toHaveLength(4)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(6)
    wrapper.unmount()
  })

  it('has an arrangement of all its panels on every wall profile', () => {
    expectEveryProfileArranged('credit', ['list', 'bans', 'history', 'byUnit'])
  })
})
