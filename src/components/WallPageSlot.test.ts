// @vitest-environment happy-dom
/* eslint-disable vue/one-component-per-file -- a page and its panel, as small as a test needs */
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { computed, defineComponent, h, onUpdated, ref, watch } from 'vue'
import { useFeedStore } from '~/stores/feed'
import { useFeedHub } from '~/test/feed-hub'
import { kpi, TEST_TS } from '~/test/fixtures'
import { subtreeScopes, WARM_FRAMES } from './pauseSubtree'
import WallPageSlot from './WallPageSlot.vue'

const hub = useFeedHub({ at: TEST_TS })

/** What the panel did: renders (patches) and the values its watcher saw. */
const panelLog = { renders: 0, updates: 0, watched: [] as number[] }

/** A panel as the wall has them: props in, text out, and a watcher as charts have. */
const Panel = defineComponent({
  props: { pending: { type: Number, default: undefined } },
  setup(props) {
    watch(() => props.pending, value => panelLog.watched.push(value as number))
    onUpdated(() => panelLog.updates++)
    return () => {
      panelLog.renders++
      return h('span', { 'data-testid': 'pending' }, String(props.pending))
    }
  },
})

/** A page as the wall has them: reads the store, passes props on. */
const Page = defineComponent({
  setup() {
    const feed = useFeedStore()
    const pending = computed(() => feed.latest['national.kpi']?.casesPending)
    return () => h('main', { 'data-screen': 'test' }, [h(Panel, { pending: pending.value })])
  },
})

function patch(casesPending: number): Promise<void> {
  return hub.patch('national.kpi', kpi({ casesPending }), { ts: TEST_TS })
}

function mountSlot(shown: boolean) {
  const visible = ref(shown)
  const wrapper = mount(defineComponent({
    setup: () => () => h(WallPageSlot, { page: Page, shown: visible.value }),
  }), { attachTo: document.body })
  return { wrapper, visible }
}

async function frames(count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await new Promise(resolve => requestAnimationFrame(resolve))
  await flushPromises()
}

beforeEach(async () => {
  await hub.snapshot({ 'national.kpi': kpi({ casesPending: 1 }) }, { ts: TEST_TS })
  panelLog.renders = 0
  panelLog.updates = 0
  panelLog.watched = []
})

describe('WallPageSlot', () => {
  it('a hidden page\'s panels receive the data but do not patch; shown again, they show the newest figures in the same tick', async () => {
    const { wrapper, visible } = mountSlot(true)
    const feed = useFeedStore()
    expect(wrapper.find('[data-testid="pending"]').text()).toBe('1')
    await patch(2)
    await flushPromises()
    expect(wrapper.find('[data-testid="pending"]').text()).toBe('2')
    expect(panelLog.watched).toEqual([2])

    visible.value = false
    await flushPromises()
    expect(wrapper.find('.wall-page').attributes('data-shown')).toBe('false')
    expect(wrapper.find('.wall-page').classes()).toContain('wall-page--hidden')
    const renders = panelLog.renders
    const updates = panelLog.updates
    await patch(3)
    await patch(4)
    await flushPromises()
    // the store took the data; nothing on the hidden page moved
    expect(feed.latest['national.kpi']?.casesPending).toBe(4)
    expect(panelLog.renders).toBe(renders)
    expect(panelLog.updates).toBe(updates)
    expect(panelLog.watched).toEqual([2])
    expect(wrapper.find('[data-testid="pending"]').text()).toBe('2')

    visible.value = true
    await flushPromises()
    expect(wrapper.find('.wall-page').classes()).not.toContain('wall-page--hidden')
    expect(wrapper.find('[data-testid="pending"]').text()).toBe('4')
    // one catch-up render for two messages, one watcher run
    expect(panelLog.renders).toBe(renders + 1)
    expect(panelLog.watched).toEqual([2, 4])
    wrapper.unmount()
  })

  it('a page made out of sight is drawn once unseen, then put away and paused', async () => {
    const { wrapper, visible } = mountSlot(false)
    const slot = wrapper.find('.wall-page')
    expect(slot.classes()).toContain('wall-page--warming')
    expect(slot.attributes('aria-hidden')).toBe('true')
    expect(wrapper.find('[data-testid="pending"]').text()).toBe('1')
    await frames(WARM_FRAMES)
    expect(slot.classes()).toContain('wall-page--hidden')
    expect(wrapper.findComponent(WallPageSlot).emitted('ready')).toHaveLength(1)
    const renders = panelLog.renders
    await patch(7)
    await flushPromises()
    expect(panelLog.renders).toBe(renders)
    visible.value = true
    await flushPromises()
    expect(wrapper.find('[data-testid="pending"]').text()).toBe('7')
    expect(slot.attributes('aria-hidden')).toBeUndefined()
    wrapper.unmount()
  })

  it('unmounting a hidden page stops its effects (nothing left running)', async () => {
    const { wrapper, visible } = mountSlot(true)
    const scopes = subtreeScopes(wrapper.findComponent(WallPageSlot).vm.$.subTree)
    expect(scopes.length).toBeGreaterThanOrEqual(2)
    visible.value = false
    await flushPromises()
    wrapper.unmount()
    expect(scopes.every(scope => !scope.active)).toBe(true)
    const renders = panelLog.renders
    await patch(9)
    await flushPromises()
    expect(panelLog.renders).toBe(renders)
    vi.clearAllTimers()
  })
})
