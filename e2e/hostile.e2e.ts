/**
 * Hostile neighbours: hundreds of anonymous /feed clients, some idle, some flooding status frames,
 * while the operator opens /control, sees the walls count and switches a page; the wall follows.
 * With a viewer token set, the wall takes it from its URL and drops it from the address bar; no
 * page reports a Content-Security-Policy violation.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { clientFrame } from '#protocol'
import {
  assertNoConsoleErrors,
  launchBrowser,
  openWall,
  startServer,
  waitFor,
  waitForLive,
  type BrowserHandle,
  type ServerHandle,
  waitForScreen,
} from './harness.ts'

const CONTROL_TOKEN = 'e2e-hostile-control-0123456789abcdef'
const VIEW_TOKEN = 'e2e-hostile-view-0123456789'
const IDLE = 150
const FLOODING = 50
/** a flooding client's status frames per second: half the rate that gets a wall closed */
const FLOOD_PER_SECOND = 10

const CSP_PROBE = `
  globalThis.__csp = []
  document.addEventListener('securitypolicyviolation', e => globalThis.__csp.push(e.violatedDirective + ' ' + e.blockedURI))
`

let server: ServerHandle
let browser: BrowserHandle
const neighbours: WebSocket[] = []
const timers: NodeJS.Timeout[] = []

function neighbour(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/feed`, ['command-wall', `view.${VIEW_TOKEN}`])
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    neighbours.push(ws)
  })
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp)
}

beforeAll(async () => {
  server = await startServer({
    env: { WALL_CONTROL_TOKEN: CONTROL_TOKEN, WALL_VIEW_TOKEN: VIEW_TOKEN, FEED_CONNECTIONS_PER_ADDRESS: '400' },
  })
  browser = await launchBrowser({ width: 1280, height: 720 })
  await browser.context.addInitScript(CSP_PROBE)
}, 120_000)

afterAll(async () => {
  timers.forEach(clearInterval)
  neighbours.forEach(ws => ws.terminate())
  await browser?.close()
  await server?.dispose()
})

describe('hostile neighbours', () => {
  it('the operator connects, counts the walls and switches a page that the wall follows', async () => {
    // The wall, with its viewer token in the URL once.
    const wall = await openWall(browser.context, server.url, { width: 1280, height: 720, path: `/wall?view=${VIEW_TOKEN}` })
    await waitForLive(wall.page)
    expect(wall.page.url()).not.toContain('view=')
    expect(wall.page.url()).not.toContain(VIEW_TOKEN)

    // Without the token, /feed is closed to anyone.
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/feed`)
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('error', () => resolve(-1))
    })
    expect(refused).toBe(401)

    // The neighbours move in.
    const idle = await Promise.all(Array.from({ length: IDLE }, neighbour))
    const flooding = await Promise.all(Array.from({ length: FLOODING }, neighbour))
    expect(idle.length + flooding.length).toBe(IDLE + FLOODING)
    for (const [i, ws] of flooding.entries()) {
      const status = clientFrame({ v: 1, type: 'status', data: { page: 'heatmap', dataAgeMs: i, profile: 'x'.repeat(40), width: 99_999, height: 99_999 } })
      timers.push(setInterval(() => {
        if (ws.readyState === WebSocket.OPEN)
          ws.send(status)
      }, 1000 / FLOOD_PER_SECOND))
    }

    // The operator opens the terminal and gets in.
    const control = await browser.context.newPage()
    await control.setViewportSize({ width: 1280, height: 800 })
    await control.goto(`${server.url}/control?token=${CONTROL_TOKEN}`, { waitUntil: 'load' })
    await control.locator('[data-testid="control-connection"][data-status="open"]').waitFor({ timeout: 30_000 })
    const total = IDLE + FLOODING + 1
    await waitFor(async () => Number(await control.locator('[data-testid="wall-count"]').getAttribute('data-count')) >= total, { timeoutMs: 15_000, what: `the terminal to count ${total} walls` })
    expect(await control.locator('[data-testid="wall-status-row"]').count()).toBeLessThan(total)
    await control.locator('[data-testid="wall-pager"]').waitFor({ timeout: 5_000 })

    // A page switch reaches the wall.
    await control.locator('[data-testid="control-page"][data-page="battleplan"]').click()
    await waitForScreen(wall.page, 'battleplan')

    // The next page of the list comes when asked.
    await control.locator('[data-testid="wall-page-next"]').click()
    await waitFor(async () => (await control.locator('[data-testid="wall-range"]').innerText()).trim().match(/^(41|第 41)/), { timeoutMs: 10_000, what: 'the second page of walls' })

    // Still connected after a few seconds of flooding, and nothing was blocked by the CSP.
    await new Promise(resolve => setTimeout(resolve, 3000))
    expect(await control.locator('[data-testid="control-connection"]').getAttribute('data-status')).toBe('open')
    expect(await cspViolations(wall.page)).toEqual([])
    expect(await cspViolations(control)).toEqual([])
    assertNoConsoleErrors(wall)
    const health = await (await fetch(`${server.url}/healthz`)).json() as { errors: number }
    expect(health.errors).toBe(0)
  }, 180_000)
})
