/**
 * Freshness is the data's own, in the real browser: the hub runs in this process on an upstream
 * the test stalls and resumes. A stalled upstream leaves the badge connected but saying the source
 * is stalled, and every panel marked stale with the data's true age; a reload does not make the
 * old data look new; the upstream's return makes the wall live again without a reload.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SEED } from '../src/domain/constants.ts'
import { createWallServer, type WallServer } from '../server/hub/server.ts'
import type { Upstream, UpstreamListener } from '../server/upstream/index.ts'
import { createSimulatorUpstream } from '../server/upstream/simulator.ts'
import {
  assertNoConsoleErrors,
  type BrowserHandle,
  ensureBuild,
  launchBrowser,
  openWall,
  ROOT,
  screenshot,
  waitFor,
  waitForLive,
  type WallPage,
} from './harness.ts'

/** The hub calls the upstream stale after this much silence (the default is 10 s; a test need not wait that long). */
const SILENCE_MS = 2000
/** 8 patches a second: every topic of the simulator's rotation at least every 2 s. */
const MESSAGES_PER_SECOND = 8
const ROTATION_MS = 2000

/** The simulator behind a tap the test can close: closed, the hub hears nothing, as from a hung system. */
function stallableUpstream() {
  const simulator = createSimulatorUpstream({ seed: DEFAULT_SEED, messagesPerSecond: MESSAGES_PER_SECOND })
  let stalled = false
  const upstream: Upstream & { stall: () => void, resume: () => void } = {
    info: simulator.info,
    snapshot: () => simulator.snapshot(),
    subscribe(listener: UpstreamListener) {
      return simulator.subscribe((topic, payload) => {
        if (!stalled)
          listener(topic, payload)
      })
    },
    start: () => simulator.start(),
    stop: () => simulator.stop(),
    onWallState: state => simulator.onWallState?.(state),
    stall: () => { stalled = true },
    resume: () => { stalled = false },
  }
  return upstream
}

interface BadgeRecord { at: number, status: string | null, upstream: string | null, stale: (string | null)[], ages: number[] }

/**
 * Records every state of the badge and the panels' stale flags from the first paint, so a flash
 * of "fresh" between a reload and the stale marks cannot slip between two polls.
 */
const RECORDER = `(() => {
  const log = []
  window.__freshnessLog = log
  const read = () => {
    const badge = document.querySelector('[data-testid="connection-badge"]')
    const panels = [...document.querySelectorAll('[data-shown="true"] [data-panel]')]
    const ages = [...document.querySelectorAll('[data-shown="true"] [data-testid="stale-mark"]')]
      .map(mark => Number((mark.textContent.match(/(\\d+)\\s*秒/) || [])[1]))
      .filter(n => Number.isFinite(n))
    const record = {
      at: Date.now(),
      status: badge && badge.getAttribute('data-status'),
      upstream: badge && badge.getAttribute('data-upstream'),
      stale: panels.map(p => p.getAttribute('data-stale')),
      ages,
    }
    const last = log[log.length - 1]
    if (!last || JSON.stringify({ ...last, at: 0 }) !== JSON.stringify({ ...record, at: 0 }))
      log.push(record)
  }
  const start = () => new MutationObserver(read).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true })
  if (document.documentElement) start()
  else document.addEventListener('DOMContentLoaded', start)
})()`

let browser: BrowserHandle
let server: WallServer
let upstream: ReturnType<typeof stallableUpstream>
let baseUrl: string

beforeAll(async () => {
  ensureBuild()
  upstream = stallableUpstream()
  server = createWallServer({
    upstream,
    upstreamKind: 'simulator',
    upstreamSilenceMs: SILENCE_MS,
    heartbeatMs: 1000,
    host: '127.0.0.1',
    port: 0,
    distDir: join(ROOT, 'dist'),
    log: () => {},
  })
  const { port } = await server.listen()
  baseUrl = `http://127.0.0.1:${port}`
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

function badge(page: Page) {
  return page.locator('[data-testid="connection-badge"]').first()
}

async function staleFlags(page: Page): Promise<(string | null)[]> {
  // the page on screen: the other pages stay mounted out of sight, paused
  return page.locator('[data-shown="true"] [data-panel]').evaluateAll(panels => panels.map(panel => panel.getAttribute('data-stale')))
}

/** Ages in seconds on the visible stale marks. */
async function markAges(page: Page): Promise<number[]> {
  const texts = await page.locator('[data-shown="true"] [data-testid="stale-mark"]:visible').allInnerTexts()
  return texts.map(text => Number(/(\d+)\s*秒/.exec(text)?.[1]))
}

describe('freshness with a stalled upstream', () => {
  it('stays connected and says the source is stalled, keeps the true age through a reload, and is live again without one', async () => {
    let wall: WallPage | undefined
    wall = await openWall(browser.context, baseUrl, { width: 1920, height: 1080, beforeGoto: async (page) => {
      await page.addInitScript(RECORDER)
    } })
    const { page } = wall
    await waitForLive(page)
    await waitFor(async () => {
      const flags = await staleFlags(page)
      return flags.length > 0 && flags.every(flag => flag === 'false')
    }, { timeoutMs: 30_000, what: 'every panel fresh while the upstream sends' })
    expect(await badge(page).getAttribute('data-upstream')).toBeNull()

    // The upstream stalls: the hub hears nothing more.
    const stalledAt = Date.now()
    upstream.stall()
    await waitFor(async () => await badge(page).getAttribute('data-upstream') === 'stale', { timeoutMs: SILENCE_MS + 5000, what: 'the badge to say the source is stalled' })
    expect(await badge(page).getAttribute('data-status')).toBe('live')
    expect(await badge(page).innerText()).toContain('数据源停滞')
    await waitFor(async () => (await staleFlags(page)).every(flag => flag === 'true'), { timeoutMs: 5000, what: 'every panel marked stale' })
    const ages = await markAges(page)
    const elapsed = (Date.now() - stalledAt) / 1000
    expect(ages.length).toBeGreaterThan(0)
    // the wall's clock ticks once a second, and the marks were read a moment before `elapsed`
    for (const age of ages) {
      expect(age).toBeGreaterThanOrEqual(Math.floor(elapsed) - 2)
      expect(age).toBeLessThanOrEqual(Math.ceil(elapsed + ROTATION_MS / 1000) + 1)
    }
    await screenshot(page, 'freshness-stalled-1920x1080')

    // Ten seconds into the stall the wall is reloaded: the hub re-sends the old data.
    await waitFor(() => Date.now() - stalledAt >= 10_000, { timeoutMs: 15_000, what: '10 s of stall' })
    await page.reload({ waitUntil: 'load', timeout: 60_000 })
    const reloadedAt = Date.now()
    await waitForLive(page)
    await waitFor(async () => (await staleFlags(page)).every(flag => flag === 'true') && (await markAges(page)).length > 0, { timeoutMs: 10_000, what: 'the reloaded wall marked stale' })
    const sinceStall = (reloadedAt - stalledAt) / 1000
    for (const age of await markAges(page))
      expect(age).toBeGreaterThanOrEqual(Math.floor(sinceStall) - 1)
    expect(await badge(page).getAttribute('data-upstream')).toBe('stale')
    // From the reloaded page's first paint: never live without the stalled mark, never a panel
    // with data and no stale mark, never an age younger than the stall.
    const log = await page.evaluate(() => (window as unknown as { __freshnessLog: BadgeRecord[] }).__freshnessLog)
    expect(log.length).toBeGreaterThan(0)
    expect(log.filter(r => r.status === 'live' && r.upstream !== 'stale')).toEqual([])
    expect(log.flatMap(r => r.ages).filter(age => age < Math.floor(sinceStall) - 1)).toEqual([])
    expect(log.filter(r => r.status === 'live' && r.stale.some(flag => flag !== 'true'))).toEqual([])
    expect(log.filter(r => r.status === 'live' && r.ages.length > 0).length).toBeGreaterThan(0)

    // The upstream comes back: live again, in the same page.
    await page.evaluate(() => { (window as unknown as { __sameDocument: boolean }).__sameDocument = true })
    upstream.resume()
    await waitFor(async () => await badge(page).getAttribute('data-upstream') === null, { timeoutMs: 10_000, what: 'the badge live again' })
    expect(await badge(page).innerText()).toContain('实时')
    await waitFor(async () => (await staleFlags(page)).every(flag => flag === 'false'), { timeoutMs: ROTATION_MS + 8000, what: 'every panel fresh again' })
    await expect(page.locator('[data-shown="true"] [data-testid="stale-mark"]:visible').count()).resolves.toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true)
    assertNoConsoleErrors(wall)
    wall = undefined
    await page.close()
  })
})
