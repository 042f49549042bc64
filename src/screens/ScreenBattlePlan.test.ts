// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { battlePlan, FIXTURE_NOW } from '~/panels/testFixtures'
import { mountWall } from '~/panels/testMount'
import { useFeedStore } from '~/stores/feed'
import { createFakeDataSource, type FakeDataSource } from '~/test/fake-data-source'
import { indicators, TEST_SOURCE, TEST_TS } from '~/test/fixtures'
import ScreenBattlePlan from './ScreenBattlePlan.vue'

let ds: FakeDataSource

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
  vi.setSystemTime(FIXTURE_NOW)
  setActivePinia(createPinia())
  ds = createFakeDataSource()
  useFeedStore().start(ds)
})

afterEach(() => {
  useFeedStore().stop()
  vi.useRealTimers()
})

describe('ScreenBattlePlan', () => {
  it('shows the time axis, the campaign in numbers, the tasks in hand and the indicators', async () => {
    const wrapper = mountWall(ScreenBattlePlan, { props: { renderer: 'svg' }, attachTo: document.body })
    expect(wrapper.attributes('data-screen')).toBe('battleplan')
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(4)
    ds.emitStatus('live')
    ds.emitMessage({ type: 'snapshot', seq: 0, ts: TEST_TS, source: TEST_SOURCE, topics: { 'battleplan.milestones': battlePlan(), 'national.indicators': indicators() } })
    await flushPromises()
    expect(wrapper.findAll('[data-testid="panel-waiting"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="milestone"]')).toHaveLength(15)
    expect(wrapper.find('[data-testid="today-marker"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="battleplan-done"]').text()).toBe('73%')
    expect(wrapper.findAll('[data-testid="task"]').map(t => t.attributes('data-milestone'))).toEqual(['m12', 'm13', 'm14', 'm15'])
    expect(wrapper.findAll('[data-testid="indicator"]')).toHaveLength(4)
    expect(wrapper.text()).not.toMatch(/NaN|undefined/)
    wrapper.unmount()
  })
})
