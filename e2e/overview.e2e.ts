/**
 * The overview page against the real server and the real browser: it renders at every wall size,
 * keeps updating, marks its data stale when the feed dies, recovers without a reload, and shrugs
 * off a client that sends garbage.
 */
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { INDICATOR_IDS, MILESTONE_STATUSES } from '#protocol'
import {
  assertNoConsoleErrors,
  assertNoOverflow,
  type BrowserHandle,
  launchBrowser,
  openWatchedWall,
  screenshot,
  type FeedWatch,
  type ServerHandle,
  startServer,
  waitFor,
  waitForLive,
  wallFeed,
  type WallPage,
} from './harness.ts'

/** config/wall.json staleAfterMs */
const STALE_AFTER_MS = 10_000

const VIEWPORTS = [
  { width: 7680, height: 2160 },
  { width: 1920, height: 1080 },
  { width: 11520, height: 2160 },
  { width: 5760, height: 1080 },
  { width: 3840, height: 1080 },
] as const

let browser: BrowserHandle
const openPages: Page[] = []

beforeAll(async () => {
  browser = await launchBrowser()
})

afterEach(async () => {
  for (const page of openPages.splice(0))
    await page.close().catch(() => {})
})

afterAll(async () => {
  await browser?.close()
})

async function open(server: ServerHandle, width: number, height: number): Promise<WallPage & { feed: FeedWatch }> {
  const wall = await openWatchedWall(browser.context, server.url, { width, height })
  openPages.push(wall.page)
  await waitForLive(wall.page)
  return wall
}

/** The page on screen: the wall keeps its other pages mounted out of sight (data-shown="false"). */
const ON_SCREEN = '[data-shown="true"] '

function kpiValues(page: Page): Promise<string[]> {
  return page.locator(`${ON_SCREEN}[data-testid="kpi"] [data-testid="kpi-value"]`).allInnerTexts()
}

/** Read KPI texts until two reads `quietMs` apart agree (counters may tween toward a new value). */
async function settledKpiValues(page: Page, quietMs = 1500): Promise<string[]> {
  let previous = await kpiValues(page)
  return waitFor(async () => {
    await new Promise(resolve => setTimeout(resolve, quietMs))
    const current = await kpiValues(page)
    const same = current.join('|') === previous.join('|')
    previous = current
    return same ? current : null
  }, { timeoutMs: 15_000, intervalMs: 0, what: 'KPI values to settle' })
}

const MAGNITUDES: readonly [string, number][] = [['万亿', 1e12], ['亿', 1e8], ['万', 1e4]]

/** '876.69万件' → 8766900 ± 50: the figure a KPI shows and how far rounding may put it from the truth. */
function readShownFigure(text: string): { value: number, tolerance: number } | null {
  const match = /(-?[\d,]+)(?:\.(\d+))?\s*(万亿|亿|万)?/.exec(text)
  if (!match)
    return null
  const magnitude = MAGNITUDES.find(([unit]) => unit === match[3])?.[1] ?? 1
  const decimals = match[2]?.length ?? 0
  const value = Number(`${(match[1] ?? '').replace(/,/g, '')}.${match[2] ?? '0'}`) * magnitude
  return { value, tolerance: 0.5 * 10 ** -decimals * magnitude * 1.0001 }
}

/** Each KPI's key and the text it shows. */
function shownKpis(page: Page): Promise<{ key: string, text: string }[]> {
  return page.locator(`${ON_SCREEN}[data-testid="kpi"]`).evaluateAll(elements => elements.map(element => ({
    key: element.getAttribute('data-kpi') ?? '?',
    text: element.querySelector('[data-testid="kpi-value"]')?.textContent ?? '',
  })))
}

/** KPIs whose shown figure is not the newest national.kpi figure the page received, rounded as shown. */
async function kpiMismatches(page: Page, feed: FeedWatch): Promise<string[]> {
  const figures = feed.latest('national.kpi') as Record<string, unknown> | undefined
  if (!figures)
    return ['no national.kpi received yet']
  const shown = await shownKpis(page)
  return shown.flatMap(({ key, text }) => {
    const truth = figures[key]
    const figure = readShownFigure(text)
    if (typeof truth !== 'number')
      return [`${key}: no such figure in national.kpi`]
    if (!figure)
      return [`${key}: "${text}" shows no figure`]
    return Math.abs(figure.value - truth) <= figure.tolerance ? [] : [`${key}: shows "${text}", the feed says ${truth}`]
  })
}

/**
 * KPIs whose feed figure moved by at least the step their text shows (one case in 万 with four
 * decimals, 10万元 in 亿元 with three) between two national.kpi payloads.
 */
function kpisMovedVisibly(before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined, shown: { key: string, text: string }[]): string[] {
  return shown.flatMap(({ key, text }) => {
    const from = before?.[key]
    const to = after?.[key]
    const figure = readShownFigure(text)
    if (typeof from !== 'number' || typeof to !== 'number' || !figure)
      return []
    const step = figure.tolerance * 2 / 1.0001
    return Math.abs(to - from) >= step ? [`${key}: ${from} → ${to} (shown "${text}")`] : []
  })
}

/**
 * The counters visibly move while data flows: within `timeoutMs` a shown figure changes. The
 * figures are exact (876.8312万件), so any case the feed adds shows; only when the feed's own
 * figures did not move by one shown step (the small hours) may the text stand still. Frames keep
 * arriving, and every KPI ends on the newest figure.
 */
async function expectKpisFollowFeed(page: Page, feed: FeedWatch, timeoutMs: number): Promise<void> {
  const framesBefore = feed.frames
  const figuresBefore = feed.latest('national.kpi') as Record<string, unknown> | undefined
  const shownBefore = await shownKpis(page)
  const before = await kpiValues(page)
  const changed = await waitForKpiChange(page, before, timeoutMs).catch(() => null)
  if (!changed) {
    const moved = kpisMovedVisibly(figuresBefore, feed.latest('national.kpi') as Record<string, unknown> | undefined, shownBefore)
    if (moved.length > 0)
      throw new Error(`no KPI text changed within ${timeoutMs} ms although the feed moved by a shown step:\n  ${moved.join('\n  ')}`)
  }
  let mismatches: string[] = []
  await waitFor(async () => (mismatches = await kpiMismatches(page, feed)).length === 0, { timeoutMs, intervalMs: 200, what: 'every KPI to show the newest feed figure' })
    .catch(() => { throw new Error(`the KPI counters do not follow the feed:\n  ${mismatches.join('\n  ')}`) })
  await waitFor(() => feed.frames > framesBefore, { timeoutMs, what: 'feed frames' })
}

async function waitForKpiChange(page: Page, before: string[], timeoutMs: number): Promise<string[]> {
  return waitFor(async () => {
    const now = await kpiValues(page)
    return now.join('|') !== before.join('|') ? now : null
  }, { timeoutMs, intervalMs: 200, what: `a KPI value to change from ${before.join(' | ')}` })
}

function panelStaleFlags(page: Page): Promise<Record<string, string | null>> {
  return page.locator(`${ON_SCREEN}[data-panel]`).evaluateAll(panels =>
    Object.fromEntries(panels.map((panel, index) => [`${panel.getAttribute('data-panel') ?? '?'}#${index}`, panel.getAttribute('data-stale')])))
}

/**
 * The heatmap's drawing (SVG, like every 2D chart on the wall): how many distinct fills its shapes
 * have, and how much of the drawing the shapes span.
 */
async function heatmapPaint(page: Page): Promise<{ colours: number, painted: number, size: string }> {
  return page.locator(`${ON_SCREEN}[data-panel="heatmap"]`).first().evaluate((panel) => {
    const svgs = [...panel.querySelectorAll('svg')].map(svg => ({ svg, box: svg.getBoundingClientRect() }))
    const chart = svgs.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0]
    if (!chart || chart.box.width === 0 || chart.box.height === 0)
      return { colours: 0, painted: 0, size: 'no chart' }
    const colours = new Set<string>()
    let left = Infinity
    let top = Infinity
    let right = -Infinity
    let bottom = -Infinity
    for (const path of chart.svg.querySelectorAll('path')) {
      const fill = getComputedStyle(path).fill
      const box = path.getBoundingClientRect()
      if (fill === 'none' || /rgba\([^)]*,\s*0\)/.test(fill) || box.width * box.height < 4)
        continue
      colours.add(fill)
      left = Math.min(left, box.left)
      top = Math.min(top, box.top)
      right = Math.max(right, box.right)
      bottom = Math.max(bottom, box.bottom)
    }
    const painted = colours.size === 0 ? 0 : ((right - left) * (bottom - top)) / (chart.box.width * chart.box.height)
    return { colours: colours.size, painted, size: `${Math.round(chart.box.width)}×${Math.round(chart.box.height)}` }
  })
}

describe('overview on the live feed', () => {
  let server: ServerHandle

  beforeAll(async () => {
    server = await startServer()
  })

  afterAll(async () => {
    await server?.dispose()
  })

  for (const { width, height } of VIEWPORTS) {
    it(`renders and updates at ${width}×${height}`, async () => {
      const wall = await open(server, width, height)
      const { page } = wall

      await expect(page.locator('[data-screen="overview"]').first().isVisible()).resolves.toBe(true)
      await expect(page.locator('[data-testid="simulated-mark"]').first().isVisible()).resolves.toBe(true)
      await expect(page.locator('[data-testid="connection-badge"]').first().getAttribute('data-status')).resolves.toBe('live')

      // KPI counters: at least six, real digits, moving.
      await waitFor(async () => (await page.locator(`${ON_SCREEN}[data-testid="kpi"]`).count()) >= 6, { timeoutMs: 15_000, what: 'six KPI counters' })
      const firstValues = await kpiValues(page)
      expect(firstValues.length).toBeGreaterThanOrEqual(6)
      for (const text of firstValues) {
        expect(text).toMatch(/\d/)
        expect(text).not.toMatch(/NaN|undefined|null|Infinity/)
      }
      // exact digits, in columns that keep their width while they run
      expect(firstValues.some(text => /\.\d{3,4}\s*(万亿|亿|万)/.test(text))).toBe(true)
      const numeric = await page.locator(`${ON_SCREEN}[data-testid="kpi-value"] > :first-child`).evaluateAll(elements =>
        elements.map(element => getComputedStyle(element).fontVariantNumeric))
      for (const style of numeric)
        expect(style).toContain('tabular-nums')
      await expectKpisFollowFeed(page, wall.feed, 5_000)

      // The four core indicators, each saying whether it meets its target.
      const indicators = await page.locator(`${ON_SCREEN}[data-testid="indicator"]`).evaluateAll(elements =>
        elements.map(element => ({ id: element.getAttribute('data-indicator'), met: element.getAttribute('data-met') })))
      expect(indicators.map(indicator => indicator.id).sort()).toEqual([...INDICATOR_IDS].sort())
      for (const indicator of indicators)
        expect(['true', 'false']).toContain(indicator.met)

      // The heatmap draws a China map in several colours.
      const paint = await waitFor(async () => {
        const sample = await heatmapPaint(page)
        return sample.colours >= 6 && sample.painted > 0.05 ? sample : null
      }, { timeoutMs: 15_000, intervalMs: 500, what: 'the heatmap to be drawn' })
      expect(paint.colours).toBeGreaterThanOrEqual(6)

      // Ranking and battle-plan timeline.
      await waitFor(async () => (await page.locator(`${ON_SCREEN}[data-testid="ranking-row"]`).count()) > 0, { timeoutMs: 10_000, what: 'ranking rows' })
      const milestones = await page.locator(`${ON_SCREEN}[data-testid="milestone"]`).evaluateAll(elements =>
        elements.map(element => element.getAttribute('data-status')))
      expect(milestones.length).toBeGreaterThan(0)
      for (const status of milestones)
        expect(MILESTONE_STATUSES as readonly (string | null)[]).toContain(status)
      await expect(page.locator('[data-testid="today-marker"]').first().isVisible()).resolves.toBe(true)

      // Live data is never marked stale.
      const flags = await panelStaleFlags(page)
      expect(Object.keys(flags).length).toBeGreaterThan(0)
      expect(Object.entries(flags).filter(([, stale]) => stale !== 'false')).toEqual([])
      await expect(page.locator('[data-shown="true"] [data-testid="stale-mark"]:visible').count()).resolves.toBe(0)

      await screenshot(page, `overview-${width}x${height}`)
      await assertNoOverflow(page)
      assertNoConsoleErrors(wall)
    })
  }

  it('shows the diagnostics overlay only when asked (key d)', async () => {
    const wall = await open(server, 1920, 1080)
    const { page } = wall
    const overlay = page.locator('[data-testid="diagnostics"]')
    await expect(overlay.first().isVisible()).resolves.toBe(false)

    await page.keyboard.press('d')
    await overlay.first().waitFor({ state: 'visible', timeout: 5_000 })
    expect((await overlay.first().innerText()).trim().length).toBeGreaterThan(0)
    await screenshot(page, 'overview-diagnostics-1920x1080')

    await page.keyboard.press('d')
    await overlay.first().waitFor({ state: 'hidden', timeout: 5_000 })
    assertNoConsoleErrors(wall)
  })

  it('closes a feed client that sends garbage with 4400 while the wall stays live', async () => {
    const wall = await open(server, 1920, 1080)
    const { page } = wall
    const acceptedBefore = (await wallFeed(page)).messagesAccepted

    const rogue = new WebSocket(`${server.url.replace(/^http/, 'ws')}/feed`, { origin: server.url })
    const closed = new Promise<number>((resolve, reject) => {
      rogue.once('close', code => resolve(code))
      rogue.once('error', reject)
    })
    await new Promise<void>((resolve, reject) => {
      rogue.once('open', () => resolve())
      rogue.once('error', reject)
    })
    rogue.send('this is not a protocol message {')
    const code = await Promise.race([
      closed,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the server did not close the connection within 5 s')), 5_000)),
    ])
    expect(code).toBe(4400)

    // The wall's own connection is untouched: still live, still receiving.
    await expectKpisFollowFeed(page, wall.feed, 8_000)
    await expect(page.locator('[data-testid="connection-badge"]').first().getAttribute('data-status')).resolves.toBe('live')
    const acceptedAfter = (await wallFeed(page)).messagesAccepted
    expect(acceptedBefore).not.toBeNull()
    expect(acceptedAfter ?? 0).toBeGreaterThan(acceptedBefore ?? 0)
    assertNoConsoleErrors(wall)
  })
})

describe('feed outage', () => {
  let server: ServerHandle

  beforeAll(async () => {
    server = await startServer()
  })

  afterAll(async () => {
    await server?.dispose()
  })

  it('marks panels stale when the server dies, keeps the last values, and recovers without a reload', async () => {
    const wall = await open(server, 1920, 1080)
    const { page } = wall
    await page.evaluate(() => { (window as unknown as { __sameDocument: boolean }).__sameDocument = true })

    // Fresh for longer than the stale threshold while the feed is live.
    const liveSince = Date.now()
    while (Date.now() - liveSince < STALE_AFTER_MS + 2_000) {
      const flags = await panelStaleFlags(page)
      expect(Object.entries(flags).filter(([, stale]) => stale !== 'false')).toEqual([])
      await new Promise(resolve => setTimeout(resolve, 1_000))
    }

    // The browser reports the refused reconnects as console errors; they are the point of this test.
    wall.allow(/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED|Failed to load resource/)
    await server.kill()
    const killedAt = Date.now()

    await waitFor(async () => {
      const status = await page.locator('[data-testid="connection-badge"]').first().getAttribute('data-status')
      return status === 'reconnecting' || status === 'offline'
    }, { timeoutMs: 10_000, what: 'the badge to leave "live"' })
    const valuesAfterKill = await settledKpiValues(page)
    for (const text of valuesAfterKill)
      expect(text).toMatch(/\d/)

    await waitFor(async () => {
      const flags = Object.values(await panelStaleFlags(page))
      return flags.length > 0 && flags.every(stale => stale === 'true')
    }, { timeoutMs: STALE_AFTER_MS + 6_000 - (Date.now() - killedAt), intervalMs: 250, what: 'every panel to be marked stale' })

    const panels = page.locator(`${ON_SCREEN}[data-panel]`)
    for (let index = 0; index < await panels.count(); index++) {
      const panel = panels.nth(index)
      const name = await panel.getAttribute('data-panel')
      const mark = panel.locator('[data-testid="stale-mark"]').first()
      expect(await mark.isVisible(), `stale mark visible on ${name}`).toBe(true)
      expect(await mark.innerText(), `age on the stale mark of ${name}`).toMatch(/\d/)
    }
    expect(await page.locator('[data-testid="connection-badge"]').first().innerText()).toMatch(/\d/)
    // The wall keeps showing the last figures it had, unchanged, rather than blanks or guesses.
    expect(await kpiValues(page)).toEqual(valuesAfterKill)
    expect(await kpiMismatches(page, wall.feed)).toEqual([])
    await screenshot(page, 'overview-stale-1920x1080')
    await assertNoOverflow(page)

    await server.restart()
    const restartedAt = Date.now()
    await page.locator('[data-testid="connection-badge"][data-status="live"]').first().waitFor({ state: 'visible', timeout: 8_000 })
    await waitFor(async () => Object.values(await panelStaleFlags(page)).every(stale => stale === 'false'), {
      timeoutMs: Math.max(1_000, 8_000 - (Date.now() - restartedAt)),
      intervalMs: 250,
      what: 'every panel to be fresh again',
    })
    await expect(page.locator('[data-shown="true"] [data-testid="stale-mark"]:visible').count()).resolves.toBe(0)
    await expectKpisFollowFeed(page, wall.feed, 8_000)
    await expect(page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true)
    assertNoConsoleErrors(wall)
  })
})
