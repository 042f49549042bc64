// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { playlistProgress } from '~/control/playlist'
import { createDefaultWallState } from '~/control/state'
import type { ControlPage, WallState } from '~/protocol'
import ControlPlaylist from './ControlPlaylist.vue'
import { mountTerminal } from '~/test/mount-terminal'

const T0 = Date.UTC(2025, 2, 5, 2, 0, 0)
const PAGES: ControlPage[] = [
  { id: 'overview', title: { zh: '全国总览', en: 'National Overview' } },
  { id: 'province', title: { zh: '省份聚焦', en: 'Province Focus' } },
]

function running(index: number, itemStartedAt: number): WallState {
  return {
    ...createDefaultWallState(T0),
    page: index === 0 ? 'overview' : 'province',
    playlist: {
      items: [{ page: 'overview', dwellSec: 20 }, { page: 'province', dwellSec: 10 }],
      running: true,
      index,
      itemStartedAt,
      remainingMs: null,
    },
  }
}

function mountAt(state: WallState, now: number) {
  return mountTerminal(ControlPlaylist, {
    props: { playlist: state.playlist, pages: PAGES, progress: playlistProgress(state, now) },
  })
}

describe('ControlPlaylist', () => {
  it('lists the items and computes the current one\'s progress from its start and dwell', async () => {
    const state = running(0, T0)
    const wrapper = mountAt(state, T0 + 5_000)
    const items = wrapper.findAll('[data-testid="playlist-item"]')
    expect(items.map(item => item.attributes('data-current'))).toEqual(['true', 'false'])
    expect(items[0]!.text()).toContain('全国总览')
    expect(items[0]!.text()).toContain('剩余 15秒')
    expect(items[1]!.text()).toContain('停留 10秒')
    const bar = wrapper.find('[data-testid="playlist-progress"]')
    expect(bar.attributes('data-fraction')).toBe('0.250')
    expect(bar.attributes('aria-valuenow')).toBe('25')

    // The clock ticks: the same state reads further along.
    await wrapper.setProps({ progress: playlistProgress(state, T0 + 15_500) })
    expect(wrapper.find('[data-testid="playlist-progress"]').attributes('data-fraction')).toBe('0.775')
    expect(wrapper.find('[data-testid="playlist-item"]').text()).toContain('剩余 5秒')
  })

  it('holds a paused item where it was', () => {
    const state: WallState = { ...running(1, T0), playlist: { ...running(1, T0).playlist, running: false, itemStartedAt: null, remainingMs: 4_000 } }
    const wrapper = mountAt(state, T0 + 60_000)
    const bar = wrapper.find('[data-testid="playlist-progress"]')
    expect(bar.attributes('data-fraction')).toBe('0.600')
    expect(bar.attributes('data-running')).toBe('false')
    expect(wrapper.find('[data-testid="playlist-pause"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="playlist-resume"]').attributes('disabled')).toBeUndefined()
  })

  it('emits start, pause, resume and a skip to the item tapped', async () => {
    const wrapper = mountAt(running(0, T0), T0)
    await wrapper.find('[data-testid="playlist-pause"]').trigger('click')
    await wrapper.find('[data-testid="playlist-start"]').trigger('click')
    await wrapper.findAll('[data-testid="playlist-item"]')[1]!.trigger('click')
    expect(wrapper.emitted('pause')).toHaveLength(1)
    expect(wrapper.emitted('start')).toHaveLength(1)
    expect(wrapper.emitted('skipTo')).toEqual([[1]])
    // Running: resume has nothing to do.
    expect(wrapper.find('[data-testid="playlist-resume"]').attributes('disabled')).toBeDefined()
  })

  it('sends the whole new list on add, move and remove', async () => {
    const wrapper = mountAt(running(0, T0), T0)
    await wrapper.find('[data-testid="playlist-add-page"]').setValue('province')
    await wrapper.find('[data-testid="playlist-dwell"]').setValue('7')
    await wrapper.find('form').trigger('submit')
    await wrapper.findAll('[aria-label="下移"]')[0]!.trigger('click')
    await wrapper.findAll('[data-testid="playlist-remove"]')[1]!.trigger('click')
    expect(wrapper.emitted('setItems')).toEqual([
      [[{ page: 'overview', dwellSec: 20 }, { page: 'province', dwellSec: 10 }, { page: 'province', dwellSec: 7 }]],
      [[{ page: 'province', dwellSec: 10 }, { page: 'overview', dwellSec: 20 }]],
      [[{ page: 'overview', dwellSec: 20 }]],
    ])
  })

  it('passes an absurd dwell on to the server, marked as out of range', async () => {
    const wrapper = mountAt(running(0, T0), T0)
    await wrapper.find('[data-testid="playlist-dwell"]').setValue('99999')
    expect(wrapper.find('[data-testid="playlist-dwell"]').attributes('aria-invalid')).toBe('true')
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('setItems')?.[0]?.[0]).toContainEqual({ page: 'overview', dwellSec: 99999 })
  })

  it('says what to do with an empty playlist', () => {
    const state = createDefaultWallState(T0)
    const wrapper = mountTerminal(ControlPlaylist, { props: { playlist: state.playlist, pages: PAGES, progress: playlistProgress(state, T0) } }, 'en')
    expect(wrapper.text()).toContain('The playlist is empty')
    expect(wrapper.find('[data-testid="playlist-start"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="playlist-progress"]').exists()).toBe(false)
  })
})
