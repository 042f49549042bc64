// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { mountWall } from '~/test/mount-wall'
import { MEASURES_NOW, delegationStats } from '~/test/measures-fixtures'
import { useFeedStore } from '~/stores/feed'
import { useFeedHub } from '~/test/feed-hub'
import { findScreen } from './registry'
import ScreenDelegation from './ScreenDelegation.vue'
import { expectEveryProfileArranged } from '~/test/arrangements'

const hub = useFeedHub({ at: MEASURES_NOW })

function snapshot(): Promise<void> {
  return hub.snapshot({ 'delegation.stats': delegationStats() })
}

describe('ScreenDelegation', () => {
  it('is a registered page fed by its own topic', () => {
    const entry = findScreen('delegation')!
    expect(entry.topics).toEqual(['delegation.stats'])
    expect(entry.titles.zh).toBe('事项委托')
  })

  it('waits, then passes the topic to its 3 panels', async () => {
    const wrapper = mountWall(ScreenDelegation, { attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('delegation')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(3)
    await snapshot()
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-panel]').map(p => p.attributes('data-panel')).sort())
      .toEqual(['delegationCounters', 'delegationMap', 'delegationTopFlows'])
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(4)
    expect(wrapper.findAll('[data-testid="flow-row"]')).toHaveLength(7)
    expect(wrapper.find('[data-testid="corps-note"]').text()).toContain('兵团')
    expect(wrapper.find('[data-testid="footnote"]').text()).toContain('6.3亿元')
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })

  it('marks every panel stale when its topic goes quiet, keeping the figures', async () => {
    const wrapper = mountWall(ScreenDelegation, { attachTo: document.body })
    await snapshot()
    await flushPromises()
    vi.advanceTimersByTime(useFeedStore().staleAfterMs + 2000)
    await nextTick()
    expect(wrapper.findAll('[data-stale="true"]')).toHaveLength(3)
    expect(wrapper.findAll('[data-testid="stale-mark"]')).toHaveLength(3)
    expect(wrapper.findAll('[data-testid="kpi"]')).toHaveLength(4)
    wrapper.unmount()
  })

  it('has an arrangement of all its panels on every wall profile', () => {
    expectEveryProfileArranged('delegation', ['counters', 'map', 'topFlows'])
  })
})
