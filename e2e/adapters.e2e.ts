/**
 * The upstream adapters end to end, in Chromium: the server fed by mock-server over HTTP (and
 * what the wall does when mock-server goes away and comes back), by the shipped recording, and
 * by another hub's /feed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeRecording } from '../server/upstream/recording.ts'
import {
  assertNoConsoleErrors,
  freePort,
  launchBrowser,
  openWall,
  openWatchedWall,
  ROOT,
  startServer,
  waitFor,
  waitForLive,
  type BrowserHandle,
  type FeedWatch,
  type ServerHandle,
} from './harness.ts'

const RECORDING = 'mock-server/recordings/working-morning.jsonl.gz'

function kpiTexts(page: Page): Promise<string[]> {
  // the page on screen: the other pages stay mounted out of sight, paused
  return page.locator('[data-shown="true"] [data-testid="kpi"] [data-testid="kpi-value"]').allInnerTexts()
}

function latestKpi(feed: FeedWatch): { asOf: number, casesReceivedYtd: number } | undefined {
  return feed.latest('national.kpi') as { asOf: number, casesReceivedYtd: number } | undefined
}

/** mock-server as its own process, on a port of its own, started as `npm run mock-server` starts it. */
async function startMockServer(): Promise<ServerHandle> {
  const port = await freePort()
  return startServer({ port, script: 'mock-server/main.ts', env: { MOCK_PORT: String(port) }, build: false, readyTimeoutMs: 30_000 })
}

/**
 * What the wall shows while its upstream is down but its hub is up: the figures it had, and a
 * badge that still says the hub is reachable. Upstream-stale marks are to be asserted here too
 * once the wall shows them.
 */
export async function assertUpstreamDownShown(page: Page, figuresBefore: string[]): Promise<void> {
  expect(await kpiTexts(page)).toEqual(figuresBefore)
  const badge = page.locator('[data-testid="connection-badge"]').first()
  // The hub is reachable, its source is not: the badge stays connected and says the source stalled,
  // and the panels keep their figures under stale marks.
  await waitFor(async () => await badge.getAttribute('data-upstream') === 'stale', { timeoutMs: 20_000, what: 'the badge to say the source is stalled' })
  expect(await badge.getAttribute('data-status')).toBe('live')
  await page.locator('[data-shown="true"] [data-testid="stale-mark"]').first().waitFor({ state: 'visible', timeout: 20_000 })
}

describe('upstream adapters on the wall', () => {
  let browser: BrowserHandle
  const servers: ServerHandle[] = []

  beforeAll(async () => {
    browser = await launchBrowser({ width: 1920, height: 1080 })
  })

  afterAll(async () => {
    await browser?.close()
    for (const server of servers.reverse())
      await server.dispose()
  })

  it('UPSTREAM=http: mock-server\'s figures live on the overview; kept while it is down; live again when it is back', async () => {
    const mock = await startMockServer()
    servers.push(mock)
    const server = await startServer({ env: { UPSTREAM: 'http', UPSTREAM_URL: mock.url } })
    servers.push(server)
    const health = await (await fetch(`${server.url}/healthz`)).json() as { source: { name: string, simulated: boolean } }
    expect(health.source).toEqual({ name: `http mock-server ${mock.url}`, simulated: false })

    const wall = await openWatchedWall(browser.context, server.url, { width: 1920, height: 1080 })
    const { page, feed } = wall
    await waitForLive(page)
    // Real figures: no 模拟数据 mark.
    expect(await page.locator('[data-testid="simulated-mark"]').count()).toBe(0)
    await waitFor(async () => (await kpiTexts(page)).length >= 6 && (await kpiTexts(page)).every(text => /\d/.test(text)), { timeoutMs: 20_000, what: 'KPI figures' })

    // The wall's figure is mock-server's, and it keeps coming: asOf moves on with every poll.
    const first = await waitFor(() => latestKpi(feed), { timeoutMs: 20_000, what: 'national.kpi on the wall' })
    const summary = await (await fetch(`${mock.url}/api/v1/national/summary`)).json() as { data: { cases_received: number } }
    expect(summary.data.cases_received).toBeGreaterThanOrEqual(first.casesReceivedYtd)
    await waitFor(() => (latestKpi(feed)?.asOf ?? 0) > first.asOf, { timeoutMs: 15_000, what: 'a newer national.kpi' })

    // mock-server goes away: the server says its upstream is unhealthy, the wall keeps its figures.
    await mock.stop()
    await waitFor(() => server.log.includes('[upstream] unhealthy'), { timeoutMs: 15_000, what: 'the server to report its upstream unhealthy' })
    expect(server.log).toMatch(/\[upstream\] unhealthy: [\w.]+: .*(ECONNREFUSED|fetch failed)/)
    const figuresWhileDown = await kpiTexts(page)
    const asOfWhileDown = latestKpi(feed)?.asOf
    await new Promise(resolve => setTimeout(resolve, 3_000))
    await assertUpstreamDownShown(page, figuresWhileDown)
    expect(latestKpi(feed)?.asOf).toBe(asOfWhileDown)

    // Back: live again without a reload.
    await mock.restart()
    await waitFor(() => server.log.includes('[upstream] healthy again'), { timeoutMs: 60_000, what: 'the server to report its upstream healthy again' })
    await waitFor(() => (latestKpi(feed)?.asOf ?? 0) > (asOfWhileDown ?? 0), { timeoutMs: 20_000, what: 'new figures after mock-server came back' })
    await page.locator('[data-testid="connection-badge"][data-status="live"]').first().waitFor({ state: 'visible', timeout: 15_000 })
    await waitFor(async () => await page.locator('[data-testid="connection-badge"]').first().getAttribute('data-upstream') === null, { timeoutMs: 20_000, what: 'the source to be live again' })
    assertNoConsoleErrors(wall)
    await page.close()
  })

  it('UPSTREAM=replay: the shipped recording\'s figures, marked 回放数据', async () => {
    const server = await startServer({ env: { UPSTREAM: 'replay', REPLAY_FILE: RECORDING } })
    servers.push(server)
    const recorded = decodeRecording(readFileSync(join(ROOT, RECORDING)), 1024 * 1024).entries
      .filter(entry => entry.topic === 'national.kpi')
      .map(entry => (entry.payload as { casesReceivedYtd: number }).casesReceivedYtd)
    const wall = await openWatchedWall(browser.context, server.url, { width: 1920, height: 1080, page: await browser.context.newPage() })
    const { page, feed } = wall
    await waitForLive(page)
    const mark = page.locator('[data-testid="simulated-mark"]').first()
    await mark.waitFor({ state: 'visible', timeout: 15_000 })
    expect(await mark.innerText()).toBe('回放数据')
    const kpi = await waitFor(() => latestKpi(feed), { timeoutMs: 20_000, what: 'national.kpi' })
    expect(recorded).toContain(kpi.casesReceivedYtd)
    // Times moved to now: the wall takes it as live data, not as a morning long past.
    expect(Math.abs(kpi.asOf - Date.now())).toBeLessThan(60_000)
    await waitFor(async () => (await kpiTexts(page)).length >= 6, { timeoutMs: 15_000, what: 'KPI figures' })
    expect(await page.locator('[data-shown="true"] [data-testid="stale-mark"]:visible').count()).toBe(0)
    assertNoConsoleErrors(wall)
    await page.close()
  })

  it('UPSTREAM=feed: a hub chained to another shows the same figures, under the first hub\'s name', async () => {
    const national = await startServer({ env: { UPSTREAM: 'simulator', FEED_RATE: '4' } })
    servers.push(national)
    const provincial = await startServer({ env: { UPSTREAM: 'feed', UPSTREAM_URL: `ws://127.0.0.1:${national.port}/feed` } })
    servers.push(provincial)
    const health = await (await fetch(`${provincial.url}/healthz`)).json() as { source: { name: string, simulated: boolean } }
    expect(health.source.name).toBe(`feed ws://127.0.0.1:${national.port}/feed (Simulator (seed 20160313))`.slice(0, 80))
    expect(health.source.simulated).toBe(true)

    const walls = await Promise.all([national, provincial].map(async server =>
      openWall(browser.context, server.url, { width: 1920, height: 1080, page: await browser.context.newPage() })))
    for (const wall of walls)
      await waitForLive(wall.page)
    // The figures move every couple of seconds; at some instant both walls show the same ones.
    await waitFor(async () => {
      const [a, b] = await Promise.all(walls.map(wall => kpiTexts(wall.page)))
      return a !== undefined && a.length >= 6 && JSON.stringify(a) === JSON.stringify(b)
    }, { timeoutMs: 30_000, intervalMs: 50, what: 'both walls to show the same KPI figures' })
    for (const wall of walls) {
      assertNoConsoleErrors(wall)
      await wall.page.close()
    }
  })
})
