/**
 * Page switches on a 7680×2160 wall, commanded over the control channel as the operator's
 * terminal does: every ordered pair of the pages the wall can keep mounted (and the 3D page, made on
 * demand, to and from the overview). After each switch exactly one page is visible, the one asked
 * for, with every panel showing data; at most three pages are mounted, the last ones shown, and a
 * running playlist's next page is made out of sight before its turn. A page switched back to shows
 * the figures that arrived while it was hidden: its panels were paused, the store was not.
 *
 * How fast a switch is belongs to the benchmark (`npm run bench`, control-latency), not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openControl, type ControlClient } from '../bench/lib/control.ts'
import { allPairsWalk } from '../bench/lib/pairs.ts'
import { PAGES } from '#protocol'
import {
  assertNoConsoleErrors,
  delay,
  launchBrowser,
  openWatchedWall,
  startServer,
  waitFor,
  waitForLive,
  type BrowserHandle,
  type FeedWatch,
  type ServerHandle,
  type WallPage,
} from './harness.ts'

const TOKEN = 'e2e-switch-token-0123456789abcdef'
const WALL = { width: 7680, height: 2160 }
/** Every topic comes round at least every 2 s at this rate (the simulator's rotation has 8 steps). */
const FEED_RATE = 4
/** The pages the wall mounts only while shown. */
const ON_DEMAND = new Set(['map3d'])
const KEPT = PAGES.map(page => page.id).filter(id => !ON_DEMAND.has(id))
/** Pages mounted at once (src/components/keptPages.ts, KEPT_PAGES_MAX). */
const KEPT_MAX = 3
/** The playlist's next page is made a second after a switch, when the wall is idle. */
const PREPARED_TIMEOUT_MS = 30_000
/** A switch to a kept page is a class change; this is only how long a loaded machine may delay it. */
const SWITCH_TIMEOUT_MS = 15_000
/** echarts-gl is a lazy chunk and SwiftShader builds the first 3D scene slowly. */
const MAP3D_TIMEOUT_MS = 120_000
/** The control channel takes 10 commands a second (config/server.json): stay well under it. */
const COMMAND_GAP_MS = 250
/** How long a hidden page is left while its topic keeps arriving. */
const NEW_PAYLOADS = 2

let server: ServerHandle
let browser: BrowserHandle
let wall: WallPage
let feed: FeedWatch
let control: ControlClient
let current = 'overview'

/** What the wall shows: the visible page roots, and the panels of the shown page still waiting. */
function onScreen(): Promise<{ visible: string[], shown: string[], waiting: number, panels: number }> {
  return wall.page.evaluate(() => {
    const roots = [...document.querySelectorAll<HTMLElement>('[data-screen]')]
    const shownSlots = [...document.querySelectorAll<HTMLElement>('.wall-page[data-shown="true"]')]
    const shown = shownSlots[0]
    return {
      visible: roots.filter(root => root.checkVisibility({ opacityProperty: true, visibilityProperty: true })).map(root => root.getAttribute('data-screen') ?? '?'),
      shown: shownSlots.map(slot => slot.querySelector('[data-screen]')?.getAttribute('data-screen') ?? '?'),
      waiting: shown?.querySelectorAll('[data-testid="panel-waiting"]').length ?? 0,
      panels: shown?.querySelectorAll('[data-panel]').length ?? 0,
    }
  })
}

let lastCommandAt = 0

async function show(id: string, timeoutMs = SWITCH_TIMEOUT_MS): Promise<void> {
  await delay(Math.max(0, lastCommandAt + COMMAND_GAP_MS - Date.now()))
  lastCommandAt = Date.now()
  const timing = await control.command({ kind: 'showPage', page: id })
  expect(timing.answer.type, `showPage ${id}`).toBe('ack')
  let last: Awaited<ReturnType<typeof onScreen>> | null = null
  await waitFor(async () => {
    last = await onScreen()
    return last.visible.length === 1 && last.visible[0] === id && last.shown.length === 1 && last.shown[0] === id && last.panels > 0 && last.waiting === 0
  }, { timeoutMs, intervalMs: 50, what: `${current} → ${id}` })
    .catch(() => { throw new Error(`${current} → ${id}: the wall shows ${JSON.stringify(last)}`) })
  current = id
}

/** text of each KPI of the shown page, by its data-kpi key */
function kpiTexts(id: string): Promise<Record<string, string>> {
  return wall.page.locator(`[data-shown="true"] [data-screen="${id}"] [data-testid="kpi"]`).evaluateAll(elements => Object.fromEntries(elements.map(element => [
    element.getAttribute('data-kpi') ?? '?',
    element.querySelector('[data-testid="kpi-value"]')?.textContent?.trim() ?? '',
  ])))
}

const MAGNITUDES: Readonly<Record<string, number>> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, '%': 1 }

/** Whether '876.69万' shows `truth` to its last digit. */
function showsFigure(text: string, truth: unknown): boolean {
  const match = /(-?\d[\d,]*)(?:\.(\d+))?\s*(万亿|亿|万|%)?/.exec(text)
  if (!match || typeof truth !== 'number')
    return false
  const magnitude = MAGNITUDES[match[3] ?? ''] ?? 1
  const value = Number(`${(match[1] ?? '').replace(/,/g, '')}.${match[2] ?? '0'}`) * magnitude
  return Math.abs(value - truth) <= 0.5 * 10 ** -(match[2]?.length ?? 0) * magnitude * 1.0001 + 1e-9
}

/** KPIs that do not show the newest payload's figure, as "key: shown vs truth". */
function kpiMismatches(shown: Record<string, string>, payload: unknown): string[] {
  const record = (payload ?? {}) as Record<string, unknown>
  return Object.entries(shown).filter(([key, text]) => !showsFigure(text, record[key])).map(([key, text]) => `${key}: "${text}" vs ${String(record[key])}`)
}

beforeAll(async () => {
  server = await startServer({ env: { FEED_RATE: String(FEED_RATE), WALL_CONTROL_TOKEN: TOKEN } })
  browser = await launchBrowser(WALL)
  const watched = await openWatchedWall(browser.context, server.url, WALL)
  wall = watched
  feed = watched.feed
  await waitForLive(wall.page)
  control = await openControl(server, TOKEN)
  await show('overview')
}, 120_000)

afterAll(async () => {
  control?.close()
  await browser?.close()
  await server?.dispose()
})

describe('page switches', () => {
  it('shows the page asked for, and only it, for every ordered pair of pages', async () => {
    const walk = allPairsWalk(KEPT)
    const seen = new Set<string>()
    for (const id of walk) {
      if (id === current)
        continue
      seen.add(`${current}→${id}`)
      await show(id)
    }
    expect(seen.size).toBe(KEPT.length * (KEPT.length - 1))
    assertNoConsoleErrors(wall)
  }, 600_000)

  it('keeps the last three pages shown mounted, out of sight, and no more', async () => {
    for (const id of ['credit', 'heatmap', 'auction', 'inquiry'])
      await show(id)
    await waitFor(() => wall.page.evaluate(() => document.querySelector('.wall-page--warming') === null), { timeoutMs: PREPARED_TIMEOUT_MS, intervalMs: 200, what: 'no page being made' })
    const mounted = await wall.page.locator('[data-screen]').evaluateAll(elements => elements.map(element => element.getAttribute('data-screen')))
    expect(mounted.length).toBeLessThanOrEqual(KEPT_MAX)
    expect([...mounted].sort()).toEqual(['auction', 'heatmap', 'inquiry'])
    expect((await onScreen()).visible).toEqual(['inquiry'])
  })

  it('makes a running playlist\'s next page out of sight before its turn, and shows that same page then', async () => {
    await show('overview')
    const playlist = await control.command({ kind: 'setPlaylist', items: [{ page: 'overview', dwellSec: 5 }, { page: 'rollcall', dwellSec: 5 }] })
    expect(playlist.answer.type).toBe('ack')
    expect((await control.command({ kind: 'playlistStart' })).answer.type).toBe('ack')
    const slot = (id: string): Promise<string | null> => wall.page.evaluate(page => document.querySelector(`[data-screen="${page}"]`)?.closest('.wall-page')?.getAttribute('data-shown') ?? null, id)
    await waitFor(async () => await slot('rollcall') === 'false', { timeoutMs: PREPARED_TIMEOUT_MS, intervalMs: 100, what: 'rollcall made out of sight' })
    await wall.page.evaluate(() => {
      (window as unknown as { __rollcall: Element | null }).__rollcall = document.querySelector('[data-screen="rollcall"]')
    })
    await waitFor(async () => await slot('rollcall') === 'true', { timeoutMs: 15_000, intervalMs: 100, what: 'rollcall shown by the playlist' })
    expect(await wall.page.evaluate(() => (window as unknown as { __rollcall: Element | null }).__rollcall === document.querySelector('[data-screen="rollcall"]'))).toBe(true)
    expect((await control.command({ kind: 'playlistPause' })).answer.type).toBe('ack')
    current = 'rollcall'
    assertNoConsoleErrors(wall)
  }, 60_000)

  it('makes the 3D page when asked and goes back to a kept page', async () => {
    await show('overview')
    await show('map3d', MAP3D_TIMEOUT_MS)
    await show('heatmap')
    expect(await wall.page.locator('[data-screen="map3d"]').count()).toBe(0)
    assertNoConsoleErrors(wall)
  }, MAP3D_TIMEOUT_MS + 60_000)

  for (const [id, topic, away] of [['overview', 'national.kpi', 'rollcall'], ['credit', 'credit.stats', 'heatmap'], ['auction', 'auction.stats', 'inquiry']] as const) {
    it(`shows on ${id}, switched back to, the figures of ${topic} that arrived while it was hidden`, async () => {
      await show(id)
      const left = feed.latest(topic)
      await show(away)
      // several fresh payloads of the page's topic while it is out of sight
      let fresh = 0
      let seen = left
      await waitFor(() => {
        const now = feed.latest(topic)
        if (now !== seen) {
          fresh++
          seen = now
        }
        return fresh >= NEW_PAYLOADS
      }, { timeoutMs: 30_000, intervalMs: 50, what: `${NEW_PAYLOADS} payloads of ${topic}` })
      await show(id)
      let problems: string[] = []
      // counters step towards a new figure a few times a second: a second or two, not a wait for data
      await waitFor(async () => {
        const shown = await kpiTexts(id)
        problems = Object.keys(shown).length === 0 ? ['no KPI on the page'] : kpiMismatches(shown, feed.latest(topic))
        return problems.length === 0
      }, { timeoutMs: 5_000, intervalMs: 100, what: `${id} to show the newest ${topic}` })
        .catch(() => { throw new Error(`${id} after switching back:\n  ${problems.join('\n  ')}`) })
      assertNoConsoleErrors(wall)
    }, 90_000)
  }
})
