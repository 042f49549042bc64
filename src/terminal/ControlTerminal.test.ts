// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDefaultWallState } from '~/control/state'
import {
  CLOSE_CODES,
  controlAckFrame,
  controlHelloFrame,
  controlNackFrame,
  controlStateFrame,
  type ControlPage,
  type WallState,
} from '~/protocol'
import { mountTerminal } from '~/test/mount-terminal'
import { useMswSocket } from '~/test/msw-socket'
import ControlTerminal from './ControlTerminal.vue'
import type { ControlChannelOptions, ControlWindow } from './useControlChannel'

/** The server's end of the control channel. */
const server = useMswSocket('ws://wall.test/control-feed')

const T0 = Date.UTC(2025, 2, 5, 2, 0, 0)
const PAGES: ControlPage[] = [
  { id: 'overview', title: { zh: '全国总览', en: 'National Overview' } },
  { id: 'province', title: { zh: '省份聚焦', en: 'Province Focus' } },
]

function memoryWindow(href: string): ControlWindow {
  const storage = new Map<string, string>()
  return {
    location: { href },
    history: { state: null, replaceState: () => {} },
    sessionStorage: {
      getItem: key => storage.get(key) ?? null,
      setItem: (key, value) => {
        storage.set(key, value)
      },
      removeItem: (key) => {
        storage.delete(key)
      },
    },
  }
}

function options(href = 'http://wall.test/control?token=terminal-test-token'): ControlChannelOptions {
  return { window: memoryWindow(href), random: () => 0 }
}

function state(revision: number, overrides: Partial<WallState> = {}): WallState {
  return { ...createDefaultWallState(T0), revision, ...overrides }
}

async function connected(wallState: WallState = state(1)) {
  const wrapper = mountTerminal(ControlTerminal, { props: { channelOptions: options() }, attachTo: document.body })
  await server.settle()
  await server.send(controlHelloFrame(Date.now(), wallState, [], PAGES))
  await flushPromises()
  return wrapper
}

/** The commands the terminal sent, oldest first. */
async function commands(): Promise<{ id: string, [key: string]: unknown }[]> {
  await server.settle()
  return server.received as { id: string }[]
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 })
})

afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('ControlTerminal', () => {
  it('marks the page on the wall and sends showPage for the tile tapped', async () => {
    const wrapper = await connected(state(4, { page: 'overview' }))
    expect(wrapper.find('[data-testid="control-page"][data-page="overview"]').attributes('data-current')).toBe('true')
    await wrapper.find('[data-testid="control-page"][data-page="province"]').trigger('click')
    const sent = await commands()
    expect(sent).toEqual([
      expect.objectContaining({ type: 'command', expectRevision: 4, command: { kind: 'showPage', page: 'province' } }),
    ])
    // The highlight moves when the server says the wall moved, not before.
    expect(wrapper.find('[data-page="province"]').attributes('data-current')).toBe('false')
    await server.send(controlStateFrame(Date.now(), state(5, { page: 'province' })))
    await server.send(controlAckFrame(sent[0]!.id, 5))
    await flushPromises()
    expect(wrapper.find('[data-testid="control-page"][data-page="province"]').attributes('data-current')).toBe('true')
    expect(wrapper.find('[data-testid="control-error"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('terminal.')
    wrapper.unmount()
  })

  it('sends focusUnit for a province tapped', async () => {
    const wrapper = await connected()
    await wrapper.find('[data-testid="control-unit"][data-unit="510000"]').trigger('click')
    expect((await commands())[0]).toMatchObject({ command: { kind: 'focusUnit', unitId: '510000' } })
    wrapper.unmount()
  })

  it('shows a refusal as a clear error, and says the wall is unchanged', async () => {
    const wrapper = await connected(state(2))
    await wrapper.find('[data-testid="blackout-toggle"]').trigger('click')
    const [command] = await commands()
    await server.send(controlNackFrame(command!.id, 'staleRevision', 'the wall state is at revision 3, not 2', 3))
    await flushPromises()
    const toast = wrapper.find('[data-testid="control-error"]')
    expect(toast.attributes('data-code')).toBe('staleRevision')
    expect(toast.text()).toContain('大屏状态刚刚变化')
    expect(toast.text()).toContain('大屏保持原状')
    expect(wrapper.find('[data-testid="blackout-toggle"]').attributes('data-on')).toBe('false')
    await toast.find('button').trigger('click')
    expect(wrapper.find('[data-testid="control-error"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the banner on the wall as text, never as markup', async () => {
    const hostile = '<img src=x onerror=alert(1)>'
    const wrapper = await connected(state(1, { banner: hostile }))
    expect(wrapper.find('[data-testid="banner-current"]').text()).toBe(hostile)
    expect(document.querySelector('img')).toBeNull()
    wrapper.unmount()
  })

  it('ticks the playlist progress on the server\'s clock', async () => {
    // The server's clock is 2 s ahead of the tablet's.
    const wrapper = mountTerminal(ControlTerminal, { props: { channelOptions: options() } })
    await server.settle()
    const playlist = { items: [{ page: 'overview', dwellSec: 10 }, { page: 'province', dwellSec: 10 }], running: true, index: 0, itemStartedAt: T0, remainingMs: null }
    await server.send(controlHelloFrame(T0 + 2_000, state(1, { playlist }), [], PAGES))
    await flushPromises()
    vi.advanceTimersByTime(1_000)
    await flushPromises()
    expect(wrapper.find('[data-testid="playlist-progress"]').attributes('data-fraction')).toBe('0.300')
    vi.advanceTimersByTime(4_000)
    await flushPromises()
    expect(wrapper.find('[data-testid="playlist-progress"]').attributes('data-fraction')).toBe('0.700')
    wrapper.unmount()
  })

  it('shows the token screen on 4401, and does not retry', async () => {
    server.refuse({ code: CLOSE_CODES.unauthorized, reason: 'token missing' })
    const wrapper = mountTerminal(ControlTerminal, { props: { channelOptions: options('http://wall.test/control') } }, 'en')
    await server.settle()
    await flushPromises()
    const screen = wrapper.find('[data-testid="control-auth-error"]')
    expect(screen.attributes('data-reason')).toBe('missing')
    expect(screen.text()).toContain('Control token missing')
    expect(screen.text()).toContain('/control?token=')
    expect(wrapper.find('[data-testid="control-page"]').exists()).toBe(false)
    vi.advanceTimersByTime(60_000)
    await server.settle()
    expect(server.connections).toHaveLength(1)
    wrapper.unmount()
  })

  it('says a wrong token is wrong, and an origin refusal is the server\'s', async () => {
    const refusals = [
      { code: CLOSE_CODES.unauthorized, reason: 'token wrong', shown: 'wrong', text: '控制令牌错误' },
      { code: CLOSE_CODES.forbiddenOrigin, reason: 'origin not allowed', shown: 'forbidden', text: '来源不被允许' },
    ]
    for (const { code, reason, shown, text } of refusals) {
      server.refuse({ code, reason })
      const refused = mountTerminal(ControlTerminal, { props: { channelOptions: options() } })
      await server.settle()
      await flushPromises()
      expect(refused.find('[data-testid="control-auth-error"]').attributes('data-reason')).toBe(shown)
      expect(refused.text()).toContain(text)
      refused.unmount()
    }
  })
})
