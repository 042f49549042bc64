/**
 * Every registered wall page against the real server and real Chromium, put on the wall the way an
 * operator does it: a tap on its tile in the control terminal (a 1280×800 touch tablet). For each
 * page the 7680×2160 wall shows it live, every panel fresh and out of its waiting state, its figures
 * following the feed, nothing cut off and no console error; a 1920×1080 wall beside it is checked
 * for fit. Screenshots of both land in e2e/artifacts/.
 *
 * "Following the feed" does not depend on the time of day: the simulator keeps office hours in
 * China time, so at night a figure may not move for minutes. Each page waits a while for one of
 * its figures to change visibly; whether or not one did, what the page shows must then equal the
 * newest payload of its topic that the browser received (read from its own WebSocket frames),
 * after at least one fresh payload arrived.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaClockText } from '../src/domain/chinaTime.ts'
import { nextDeadline } from '../src/logic/milestones.ts'
import type { Milestone } from '#protocol'
import { PAGES as SCREENS } from '#protocol'
import {
  assertNoConsoleErrors,
  type DeviceBrowser,
  type FeedWatch,
  findOverflow,
  launchDevices,
  openTerminal,
  openWall,
  openWatchedWall,
  screenshot,
  startServer,
  type ServerHandle,
  waitFor,
  waitForLive,
  waitForScreen,
  type WallPage,
} from './harness.ts'

const TOKEN = 'e2e-pages-token-0123456789abcdef'
const WALL = { width: 7680, height: 2160 }
const SMALL_WALL = { width: 1920, height: 1080 }
const TABLET = { width: 1280, height: 800 }
/**
 * Patches per second: every topic comes round at least every 4 s at this rate (the simulator's
 * rotation has 8 steps), so a fresh payload is never far off.
 */
const FEED_RATE = 4
/** The first show of a chart page at 7680 px on this two-core machine's software renderer. */
const SHOW_TIMEOUT_MS = 60_000
/** echarts-gl is a lazy chunk and SwiftShader builds the first 3D scene slowly. */
const MAP3D_READY_TIMEOUT_MS = 120_000
/** Panels leave their waiting state once their topics arrive (they are all in the snapshot). */
const PANELS_TIMEOUT_MS = 30_000
/** How long a page may take to show a fresh payload of its topic. */
const FOLLOW_TIMEOUT_MS = 20_000
/** How long to wait for a figure to change visibly before settling for "shows the newest figures". */
const CHANGE_WINDOW_MS = 6_000
/** The terminal's answer to a tap. */
const ANSWER_TIMEOUT_MS = 10_000

// ---- reading figures ----

const MAGNITUDES: Readonly<Record<string, number>> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, '%': 1 }
const FIGURE = /(-?\d[\d,]*)(?:\.(\d+))?\s*(万亿|亿|万|%)?/g

/** '876.69万件' → 8766900 ± 50: a figure as shown and how far rounding may put it from the truth. */
function readFigure(text: string, which: 'first' | 'last' = 'first'): { value: number, tolerance: number } | null {
  const matches = [...text.matchAll(FIGURE)]
  const match = which === 'first' ? matches[0] : matches[matches.length - 1]
  if (!match)
    return null
  const magnitude = MAGNITUDES[match[3] ?? ''] ?? 1
  const decimals = match[2]?.length ?? 0
  const value = Number(`${(match[1] ?? '').replace(/,/g, '')}.${match[2] ?? '0'}`) * magnitude
  return { value, tolerance: 0.5 * 10 ** -decimals * magnitude * 1.0001 + 1e-9 }
}

/** Why `text` does not show `truth` (empty when it does). */
function figureMismatch(label: string, text: string | undefined, truth: unknown, which: 'first' | 'last' = 'first'): string[] {
  if (text === undefined)
    return [`${label}: not on the page`]
  if (/NaN|undefined|null|Infinity/.test(text))
    return [`${label}: shows "${text}"`]
  if (typeof truth !== 'number')
    return [`${label}: no such figure in the feed (${String(truth)})`]
  const figure = readFigure(text, which)
  if (!figure)
    return [`${label}: "${text}" shows no figure`]
  return Math.abs(figure.value - truth) <= figure.tolerance ? [] : [`${label}: shows "${text}", the feed says ${truth}`]
}

/** text of each `[data-testid="kpi"]` of a screen, by its data-kpi key */
async function kpiTexts(page: Page, screen: string): Promise<Record<string, string>> {
  const pairs = await page.locator(`[data-screen="${screen}"] [data-testid="kpi"]`).evaluateAll(elements => elements.map(element => [
    element.getAttribute('data-kpi') ?? '?',
    element.querySelector('[data-testid="kpi-value"]')?.textContent?.trim() ?? '',
  ] as const))
  return Object.fromEntries(pairs.map(([key, text]) => [`kpi:${key}`, text]))
}

/** Every KPI of the page against the same-named field of the topic's newest payload. */
function kpiMismatches(shown: Record<string, string>, payload: unknown): string[] {
  const record = (payload ?? {}) as Record<string, unknown>
  const keys = Object.keys(shown).filter(key => key.startsWith('kpi:'))
  if (keys.length === 0)
    return ['no KPI on the page']
  return keys.flatMap(key => figureMismatch(key, shown[key], record[key.slice('kpi:'.length)]))
}


/** '35 天 06:59:04' / '00:01:35' → seconds; null when the text holds no such clock. */
function spanSeconds(text: string | undefined): number | null {
  const match = /(?:(\d+)\s*(?:天|d)\s*)?(\d{2}):(\d{2}):(\d{2})/.exec(text ?? '')
  return match ? Number(match[1] ?? 0) * 86_400 + Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]) : null
}

/** A clock that runs on the wall clock from a time in the feed may be a second behind, or a tick ahead of this process. */
const CLOCK_SLACK_S = 3

/** Why a running clock's `text` does not show `expectedS` seconds (empty when it does). */
function clockMismatch(label: string, text: string | undefined, expectedS: number): string[] {
  const shown = spanSeconds(text)
  if (shown === null)
    return [`${label}: no clock in "${text}"`]
  return Math.abs(shown - expectedS) <= CLOCK_SLACK_S ? [] : [`${label}: shows "${text}" (${shown} s), expected about ${Math.round(expectedS)} s`]
}

// ---- what each page shows of the feed ----

interface PageSpec {
  /** the topic whose fresh payload the page must show */
  topic: string
  /** the feed-driven figures on the page, by a key of the spec's choosing */
  shown: (page: Page) => Promise<Record<string, string>>
  /** where `shown` does not match the newest payloads (empty = it matches) */
  mismatches: (shown: Record<string, string>, feed: FeedWatch) => string[]
  /** a page that moves whatever the hour: it must change visibly within this many ms */
  mustChangeWithinMs?: number
}

const kpiPage = (screen: string, topic: string): PageSpec => ({
  topic,
  shown: page => kpiTexts(page, screen),
  mismatches: (shown, feed) => kpiMismatches(shown, feed.latest(topic)),
})

interface UnitRow { unitId: string, [key: string]: unknown }
const unitsOf = (feed: FeedWatch): UnitRow[] => ((feed.latest('province.stats') as { units?: UnitRow[] } | undefined)?.units ?? [])

const SPECS: Record<string, PageSpec> = {
  'overview': kpiPage('overview', 'national.kpi'),

  // The ranking beside the map: every unit's figure of the selected metric.
  'heatmap': {
    topic: 'province.stats',
    async shown(page) {
      const metric = await page.locator('[data-screen="heatmap"] [data-testid="metric-option"][aria-checked="true"]').first().getAttribute('data-metric')
      const rows = await page.locator('[data-screen="heatmap"] [data-testid="ranking-row"]').evaluateAll(elements =>
        elements.map(element => [`row:${element.getAttribute('data-unit') ?? '?'}`, (element as HTMLElement).innerText.trim()] as const))
      return { metric: metric ?? '', ...Object.fromEntries(rows) }
    },
    mismatches(shown, feed) {
      const units = unitsOf(feed)
      const rows = Object.keys(shown).filter(key => key.startsWith('row:'))
      if (rows.length === 0)
        return ['no ranking row']
      if (!shown.metric)
        return ['no metric selected']
      return rows.flatMap((key) => {
        const unit = units.find(u => u.unitId === key.slice('row:'.length))
        return figureMismatch(`${key} ${shown.metric}`, shown[key], unit?.[shown.metric as string], 'last')
      })
    },
  },

  // Milestones per status, and each node's status on the timeline.
  'battleplan': {
    topic: 'battleplan.milestones',
    async shown(page) {
      const counts = await page.locator('[data-screen="battleplan"] [data-testid="status-count"]').evaluateAll(elements =>
        elements.map(element => [`count:${element.getAttribute('data-status') ?? '?'}`, (element as HTMLElement).innerText.trim()] as const))
      const nodes = await page.locator('[data-screen="battleplan"] [data-testid="milestone"]').evaluateAll(elements =>
        elements.map(element => [`milestone:${element.getAttribute('data-milestone') ?? '?'}`, element.getAttribute('data-status') ?? ''] as const))
      const next = page.locator('[data-screen="battleplan"] [data-testid="next-deadline"]')
      const deadline = [
        ['deadline', await next.getAttribute('data-milestone', { timeout: 5_000 }).catch(() => null) ?? '?'],
        ['countdown', await next.locator('[data-testid="countdown"]').innerText({ timeout: 5_000 }).catch(() => '')],
      ] as const
      return Object.fromEntries([...counts, ...nodes, ...deadline])
    },
    mismatches(shown, feed) {
      const milestones = (feed.latest('battleplan.milestones') as { milestones?: Milestone[] } | undefined)?.milestones ?? []
      const keys = Object.keys(shown).filter(key => key !== 'deadline' && key !== 'countdown')
      if (!keys.some(key => key.startsWith('milestone:')))
        return ['no milestone on the timeline']
      // the countdown: to the first deadline still ahead, by the clock
      const next = nextDeadline(milestones, Date.now())
      const countdown = next === null
        ? (shown.deadline === '' ? [] : [`deadline: shows ${shown.deadline}, the feed has none ahead`])
        : shown.deadline !== next.milestone.id
          ? [`deadline: counts down to ${shown.deadline}, the next in the feed is ${next.milestone.id}`]
          : clockMismatch('countdown', shown.countdown, (next.at - Date.now()) / 1000)
      return [...countdown, ...keys.flatMap((key) => {
        const [kind, id] = key.split(':') as [string, string]
        if (kind === 'count')
          return figureMismatch(key, shown[key], milestones.filter(m => m.status === id).length, 'last')
        const status = milestones.find(m => m.id === id)?.status
        return status === shown[key] ? [] : [`${key}: shows "${shown[key]}", the feed says ${status}`]
      })]
    },
  },

  // The focus unit's counters.
  'province': {
    topic: 'province.stats',
    async shown(page) {
      const unit = await page.locator('[data-screen="province"]').first().getAttribute('data-unit')
      return { unit: unit ?? '', ...await kpiTexts(page, 'province') }
    },
    mismatches: (shown, feed) => kpiMismatches(shown, unitsOf(feed).find(u => u.unitId === shown.unit)),
  },

  // The counters, and the ticker's newest row (the fastest thing on any page in office hours).
  'inquiry': {
    topic: 'inquiry.stats',
    async shown(page) {
      const top = await page.locator('[data-screen="inquiry"] [data-testid="ticker-row"]').first().innerText({ timeout: 5_000 }).catch(() => '')
      return { ticker: top.trim(), ...await kpiTexts(page, 'inquiry') }
    },
    mismatches(shown, feed) {
      const stats = feed.latest('inquiry.stats') as { ticker?: { at: number }[] } | undefined
      const newest = stats?.ticker?.[0]
      const time = /\d{2}:\d{2}:\d{2}/.exec(shown.ticker ?? '')?.[0]
      const ticker = newest && time !== chinaClockText(newest.at) ? [`ticker: top row "${shown.ticker}", the feed's newest is at ${chinaClockText(newest.at)}`] : []
      return [...ticker, ...kpiMismatches(shown, stats)]
    },
  },

  'credit': kpiPage('credit', 'credit.stats'),
  'delegation': kpiPage('delegation', 'delegation.stats'),
  'auction': kpiPage('auction', 'auction.stats'),
  // The 终本 pool's counters.
  'quality': kpiPage('quality', 'termination.stats'),

  // The drawn courts' cards: the draw, and each court's figures.
  'rollcall': {
    topic: 'rollcall.courts',
    async shown(page) {
      const draw = await page.locator('[data-screen="rollcall"] [data-panel="rollcall-courts"] [data-draw]').first().getAttribute('data-draw', { timeout: 5_000 }).catch(() => null)
      const cards = await page.locator('[data-screen="rollcall"] [data-testid="court-card"]').evaluateAll(elements => elements.flatMap((element) => {
        const court = element.getAttribute('data-court') ?? '?'
        const text = (testid: string) => element.querySelector(`[data-testid="${testid}"]`)?.textContent?.trim() ?? ''
        return [
          [`${court}:casesReceivedYtd`, text('court-received')],
          [`${court}:casesConcludedYtd`, text('court-concluded')],
          [`${court}:actualClosureRate`, text('court-rate')],
        ] as const
      }))
      const reporting = await page.locator('[data-screen="rollcall"] [data-testid="reporting-for"]').innerText({ timeout: 5_000 }).catch(() => '')
      return { draw: draw ?? '', reporting, ...Object.fromEntries(cards) }
    },
    mismatches(shown, feed) {
      const rollCall = feed.latest('rollcall.courts') as { drawId?: string, drawnAt?: number, courts?: ({ courtId: string } & Record<string, unknown>)[] } | undefined
      if (!rollCall)
        return ['no rollcall.courts received']
      const keys = Object.keys(shown).filter(key => key !== 'draw' && key !== 'reporting')
      if (keys.length === 0)
        return ['no court card']
      const draw = shown.draw === rollCall.drawId ? [] : [`draw: shows "${shown.draw}", the feed says ${rollCall.drawId}`]
      const reporting = clockMismatch('reporting for', shown.reporting, (Date.now() - (rollCall.drawnAt ?? Number.NaN)) / 1000)
      return [...draw, ...reporting, ...keys.flatMap((key) => {
        const split = key.lastIndexOf(':')
        const court = rollCall.courts?.find(c => c.courtId === key.slice(0, split))
        return figureMismatch(key, shown[key], court?.[key.slice(split + 1)])
      })]
    },
  },

  // Figures go into the 3D scene, not the DOM: what shows is the panel's own account of a
  // redraw (the time from a data setOption to the chart's 'finished' event).
  'map3d': {
    topic: 'province.stats',
    async shown(page) {
      const panel = page.locator('[data-screen="map3d"] [data-panel="map3d"]').first()
      const read = async (name: string) => (await panel.getAttribute(name, { timeout: 5_000 }).catch(() => null)) ?? ''
      return { 'mode': await read('data-mode'), 'ready': await read('data-ready'), 'redraw-ms': await read('data-redraw-ms') }
    },
    // Every province.stats redraws the map (at most every 5 s in 3D), day or night.
    mustChangeWithinMs: 45_000,
    mismatches: shown => [
      ...(shown.mode === '3d' ? [] : [`mode: ${shown.mode}`]),
      ...(shown.ready === 'true' ? [] : ['not ready']),
      ...(/^\d+$/.test(shown['redraw-ms'] ?? '') ? [] : ['no redraw finished']),
    ],
  },
}

const differs = (a: Record<string, string>, b: Record<string, string>): boolean => JSON.stringify(a) !== JSON.stringify(b)

/**
 * The page follows the feed: a fresh payload of its topic arrives and the page shows it. Returns
 * whether a figure changed visibly within CHANGE_WINDOW_MS.
 */
async function expectFollowsFeed(id: string, spec: PageSpec, page: Page, feed: FeedWatch): Promise<boolean> {
  const started = Date.now()
  const before = await spec.shown(page)
  const payloadBefore = feed.latest(spec.topic)
  let problems: string[] = []
  await waitFor(async () => {
    if (feed.latest(spec.topic) === payloadBefore) {
      problems = [`no fresh ${spec.topic} yet`]
      return false
    }
    problems = spec.mismatches(await spec.shown(page), feed)
    return problems.length === 0
  }, { timeoutMs: FOLLOW_TIMEOUT_MS, intervalMs: 200, what: `${id} to show the newest ${spec.topic}` })
    .catch(() => { throw new Error(`${id} does not follow the feed:\n  ${problems.slice(0, 20).join('\n  ')}`) })

  const changeWindowMs = spec.mustChangeWithinMs ?? CHANGE_WINDOW_MS
  const changed = await waitFor(async () => differs(await spec.shown(page), before),
    { timeoutMs: Math.max(0, changeWindowMs - (Date.now() - started)), intervalMs: 250, what: `a figure on ${id} to change` })
    .then(() => true, () => false)
  if (!changed && spec.mustChangeWithinMs !== undefined)
    throw new Error(`nothing on ${id} changed within ${changeWindowMs} ms: ${JSON.stringify(before)}`)
  if (!changed) {
    // Nothing moved (the courts keep office hours): then what stays must still be the newest figure.
    await waitFor(async () => (problems = spec.mismatches(await spec.shown(page), feed)).length === 0,
      { timeoutMs: 10_000, intervalMs: 200, what: `${id} to show the newest ${spec.topic}` })
      .catch(() => { throw new Error(`${id} shows figures that are not the feed's newest:\n  ${problems.slice(0, 20).join('\n  ')}`) })
  }
  return changed
}

// ---- panels ----

interface PanelState { name: string, stale: string | null, waiting: boolean }

async function panelStates(page: Page, screen: string): Promise<PanelState[]> {
  return page.locator(`[data-screen="${screen}"] [data-panel]`).evaluateAll(panels => panels.map(panel => ({
    name: panel.getAttribute('data-panel') ?? '?',
    stale: panel.getAttribute('data-stale'),
    waiting: panel.querySelector('[data-testid="panel-waiting"]') !== null,
  })))
}

/** Every panel of the screen is there, fresh and showing data (not waiting). */
async function waitForPanels(page: Page, screen: string, timeoutMs = PANELS_TIMEOUT_MS): Promise<PanelState[]> {
  let states: PanelState[] = []
  return waitFor(async () => {
    states = await panelStates(page, screen)
    return states.length > 0 && states.every(s => s.stale === 'false' && !s.waiting) ? states : null
  }, { timeoutMs, intervalMs: 250, what: `${screen}'s panels` })
    .catch(() => { throw new Error(`${screen}: panels not all fresh with data: ${JSON.stringify(states)}`) })
}

/**
 * The header badge says live. Polled rather than read once: the 3D page at 7680 px on software
 * WebGL can hold the main thread for seconds per frame, long enough for the feed's watchdog to
 * reconnect; the wall must come back live on its own.
 */
async function waitForLiveBadge(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-badge"][data-status="live"]').first().waitFor({ state: 'visible', timeout: 30_000 })
}

/**
 * Fast-forward every one-off animation on the page (a re-dealt card, a ticker row sliding in) to
 * its end, as it would stand a moment later: a transform caught mid-flight reads as overflow, a
 * card mid-deal as missing. The ticker moves with every payload in office hours, so waiting for a
 * quiet moment is not an option. Endless animations (a waiting pulse) are left alone.
 */
async function finishAnimations(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) {
      if (animation.playState === 'running' && animation.effect?.getComputedTiming().iterations !== Infinity)
        animation.finish()
    }
  })
}

/** A screenshot of the page as it settles. */
async function settledScreenshot(page: Page, name: string): Promise<void> {
  await finishAnimations(page)
  await screenshot(page, name)
}

/**
 * Nothing overflows once animations have landed. Polled: a payload may start a new animation
 * between the fast-forward and the measurement; an overflow that stays fails.
 */
async function expectFits(page: Page, what: string): Promise<void> {
  let problems: string[] = []
  await waitFor(async () => {
    await finishAnimations(page)
    const report = await findOverflow(page)
    problems = [...report.document, ...report.panels, ...report.text]
    return problems.length === 0
  }, { timeoutMs: 10_000, intervalMs: 500, what })
    .catch(() => { throw new Error(`${what}: layout overflows:\n  ${problems.slice(0, 30).join('\n  ')}`) })
}

/** Set the 3D rotation from the terminal's switch, and wait for the server to confirm it. */
async function setRotation(on: boolean): Promise<void> {
  const toggle = control.page.locator('[data-testid="rotation-toggle"]')
  if (await toggle.getAttribute('data-on') === String(on))
    return
  await toggle.tap()
  await waitFor(async () => await toggle.getAttribute('data-on') === String(on), { timeoutMs: ANSWER_TIMEOUT_MS, what: `the rotation switch to show ${on}` })
}

async function waitForMap3d(page: Page, timeoutMs: number): Promise<void> {
  const panel = page.locator('[data-screen="map3d"] [data-panel="map3d"][data-ready="true"]').first()
  await panel.waitFor({ state: 'attached', timeout: timeoutMs })
  expect(await panel.getAttribute('data-mode')).toBe('3d')
}

// ---- the run ----

let server: ServerHandle
let devices: DeviceBrowser
let wall: WallPage & { feed: FeedWatch }
let smallWall: WallPage
let control: WallPage
/** which pages showed a visible change, for the summary line */
const moved: Record<string, boolean> = {}

beforeAll(async () => {
  server = await startServer({ env: { WALL_CONTROL_TOKEN: TOKEN, FEED_RATE: String(FEED_RATE) } })
  devices = await launchDevices()
  wall = await openWatchedWall(await devices.newContext(WALL, false), server.url, WALL)
  smallWall = await openWall(await devices.newContext(SMALL_WALL, false), server.url, SMALL_WALL)
  control = await openTerminal(await devices.newContext(TABLET, true), server.url, TOKEN, TABLET)
  await Promise.all([waitForLive(wall.page), waitForLive(smallWall.page)])
}, 180_000)

afterAll(async () => {
  await devices?.close()
  await server?.dispose()
  if (Object.keys(moved).length > 0)
    console.info(`pages whose figures changed visibly: ${Object.entries(moved).map(([id, yes]) => `${id}=${yes ? 'yes' : 'no (showed the newest feed figures)'}`).join(', ')}`)
})

describe('every page, from the control terminal', () => {
  it('offers a tile for every registered page', async () => {
    const tiles = await control.page.locator('[data-testid="control-page"]').evaluateAll(elements => elements.map(element => element.getAttribute('data-page')))
    expect(tiles).toEqual(SCREENS.map(screen => screen.id))
    expect(Object.keys(SPECS).sort()).toEqual(SCREENS.map(screen => screen.id).sort())
  })

  for (const { id } of SCREENS) {
    it(`shows ${id} live on the wall, following the feed, uncut at 7680×2160 and 1920×1080`, async () => {
      const spec = SPECS[id]
      if (!spec)
        throw new Error(`no checks written for the page '${id}'`)
      const { page } = wall

      if (id === 'map3d') {
        // Turning, software WebGL spends a third of a second on a frame at 7680 px even at half
        // resolution, some frames up to 650 ms: this page's walk then takes four times as long. The turn has its own test
        // (map3d.e2e.ts), and the playlist soak (bench/soak-playlist.ts) keeps it turning for an
        // hour; here the map stands still and redraws for data.
        await setRotation(false)
      }
      const tile = control.page.locator(`[data-testid="control-page"][data-page="${id}"]`)
      await tile.tap()
      await waitForScreen(page, id, { timeoutMs: SHOW_TIMEOUT_MS })
      await waitFor(async () => await tile.getAttribute('data-current') === 'true', { timeoutMs: ANSWER_TIMEOUT_MS, what: `the ${id} tile to be marked current` })
      await waitForLiveBadge(page)

      if (id === 'map3d')
        await waitForMap3d(page, MAP3D_READY_TIMEOUT_MS)
      await waitForPanels(page, id)

      if (id === 'rollcall') {
        // An operator's re-draw deals new courts, whatever the hour: the visible change of this page.
        const drawBefore = (await spec.shown(page)).draw
        await expectFollowsFeed(id, spec, page, wall.feed)
        await control.page.locator('[data-testid="rollcall-draw"]').tap()
        let problems: string[] = []
        await waitFor(async () => {
          const shown = await spec.shown(page)
          problems = shown.draw && shown.draw !== drawBefore ? spec.mismatches(shown, wall.feed) : ['still the old draw']
          return problems.length === 0
        }, { timeoutMs: FOLLOW_TIMEOUT_MS, intervalMs: 200, what: 'the new draw on the wall' })
          .catch(() => { throw new Error(`rollcall after a re-draw:\n  ${problems.slice(0, 20).join('\n  ')}`) })
        moved[id] = true
      }
      else {
        moved[id] = await expectFollowsFeed(id, spec, page, wall.feed)
      }

      // Still live and fresh after the wait; then, once the page is still, the picture and the fit.
      await waitForLiveBadge(page)
      await waitForPanels(page, id, 10_000)
      await settledScreenshot(page, `pages-${id}-7680x2160`)
      await expectFits(page, `${id} at 7680×2160`)
      if (id !== 'map3d') {
        // 2D charts are SVG: a canvas would be a layer the compositor takes again with every frame
        const canvases = await page.locator(`[data-screen="${id}"] canvas`).count()
        expect(canvases, `canvases on ${id}`).toBe(0)
      }
      assertNoConsoleErrors(wall)

      // The 1920×1080 wall follows the same wall state.
      const small = smallWall.page
      await waitForScreen(small, id, { timeoutMs: SHOW_TIMEOUT_MS })
      if (id === 'map3d')
        await waitForMap3d(small, MAP3D_READY_TIMEOUT_MS)
      await waitForPanels(small, id)
      await settledScreenshot(small, `pages-${id}-1920x1080`)
      await expectFits(small, `${id} at 1920×1080`)
      assertNoConsoleErrors(smallWall)
      assertNoConsoleErrors(control)
      if (id === 'map3d')
        await setRotation(true)
    }, 240_000)
  }
})
