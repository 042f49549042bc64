// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mountWall } from '~/panels/testMount'
import { useFeedStore } from '~/stores/feed'
import { createFakeDataSource, type FakeDataSource } from '~/test/fake-data-source'
import WallShell from './WallShell.vue'

let ds: FakeDataSource

beforeEach(() => {
  setActivePinia(createPinia())
  ds = createFakeDataSource()
  useFeedStore().start(ds)
})

afterEach(() => useFeedStore().stop())

describe('WallShell', () => {
  it('shows the header and the overview page, every panel waiting for data', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    expect(wrapper.find('[data-testid="connection-badge"]').exists()).toBe(true)
    // the page is loaded on demand
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-screen="overview"]').exists()).toBe(true)
    }, { timeout: 10_000 })
    const panels = wrapper.findAll('[data-panel]').map(p => p.attributes('data-panel'))
    expect(panels.sort()).toEqual(['battlePlan', 'heatmap', 'indicators', 'kpi', 'ranking'])
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(5)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    // the shell carries the layout's CSS variables at real pixels
    expect(wrapper.attributes('style')).toMatch(/--fs-base:\s*\d+px/)
    wrapper.unmount()
  })

  it('toggles the diagnostics overlay with d, hidden at first', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await flushPromises()
    expect(wrapper.find('[data-testid="diagnostics"]').exists()).toBe(false)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'd' }))
    await flushPromises()
    expect(wrapper.find('[data-testid="diagnostics"]').exists()).toBe(true)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'd' }))
    await flushPromises()
    expect(wrapper.find('[data-testid="diagnostics"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('tells the server which page it shows once live', async () => {
    const wrapper = mountWall(WallShell, { attachTo: document.body })
    await flushPromises()
    ds.emitStatus('live')
    const status = ds.sent.find(m => m.type === 'status')
    expect(status && status.type === 'status' && status.data.page).toBe('overview')
    wrapper.unmount()
  })
})
