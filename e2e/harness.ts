/**
 * End-to-end harness: the real server (as `npm start` runs it), Debian's headless Chromium through
 * playwright-core, and checks shared by the tests and the benchmark.
 * Everything polls with generous limits instead of sleeping: the machine is small and shared.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Locator, type Page } from 'playwright-core'
import WebSocket from 'ws'
import {
  CONTROL_PATH,
  controlCommandFrame,
  controlProtocols,
  type ControlCommandInput,
  type ControlPage,
  type ControlServerMessage,
  type WallState,
} from '#protocol'
import { freePort } from '../server/broker/testing.ts'
import { CHINA_TIME_ZONE } from '../src/domain/constants.ts'

export { freePort }

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const ARTIFACTS_DIR = join(ROOT, 'e2e', 'artifacts')

/** Resolve with the first truthy value `probe` returns, or reject after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 100, what = 'condition' }: { timeoutMs?: number, intervalMs?: number, what?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value)
        return value as NonNullable<T>
    }
    catch (error) {
      lastError = error
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`)
    await delay(intervalMs)
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

let buildChecked = false

/** The server serves dist/; `npm test` builds it first, a lone e2e or bench run builds it here once. */
export function ensureBuild(): void {
  if (buildChecked)
    return
  if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
    const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'vite'), ['build'], { cwd: ROOT, stdio: 'inherit' })
    if (result.status !== 0)
      throw new Error('vite build failed')
  }
  buildChecked = true
}

/** A running server, started as `npm start` starts it. */
export interface ServerHandle {
  /** http://127.0.0.1:<port> */
  url: string
  port: number
  dataDir: string
  /** everything the server printed, for failure messages */
  readonly log: string
  /** graceful stop (SIGTERM, then SIGKILL after 5 s) */
  stop: () => Promise<void>
  /** SIGKILL, as a crash would */
  kill: () => Promise<void>
  /** start again on the same port and data directory; resolves once /healthz answers */
  restart: () => Promise<void>
  /** stop and remove the data directory */
  dispose: () => Promise<void>
}

export interface StartServerOptions {
  port?: number
  /** extra environment, e.g. FEED_RATE, SEED, HEARTBEAT_MS */
  env?: Record<string, string>
  /** how long to wait for /healthz (default 60 s: tsx compiles on a cold start) */
  readyTimeoutMs?: number
  /** the entry point, relative to the repository (default server/main.ts) */
  script?: string
  /** build dist/ first when it is missing (default true) */
  build?: boolean
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })
    await response.body?.cancel()
    return response.status === 200
  }
  catch {
    return false
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve()
  return new Promise(resolve => child.once('exit', () => resolve()))
}

export async function startServer(options: StartServerOptions = {}): Promise<ServerHandle> {
  if (options.build !== false)
    ensureBuild()
  const port = options.port ?? await freePort()
  const url = `http://127.0.0.1:${port}`
  const dataDir = mkdtempSync(join(tmpdir(), 'wall-e2e-data-'))
  let log = ''
  let child: ChildProcess | null = null

  async function launch(): Promise<void> {
    if (await healthy(url))
      throw new Error(`port ${port} is already serving something`)
    // tsx runs the script in a child node process; a process group of its own lets kill() take
    // both down at once, as a crash of the machine's server would.
    const proc = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [options.script ?? 'server/main.ts'], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...options.env },
    })
    child = proc
    proc.stdout?.on('data', (chunk: Buffer) => { log += chunk.toString() })
    proc.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString() })
    // A server that dies on start (bad config, a syntax error) fails at once, not after the timeout.
    let exitedEarly = false
    await waitFor(async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        exitedEarly = true
        return true
      }
      return healthy(url)
    }, { timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 200, what: `${url}/healthz` })
      .catch(async (error: unknown) => {
        signalGroup(proc, 'SIGKILL')
        await exited(proc)
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server output ---\n${log}`)
      })
    if (exitedEarly)
      throw new Error(`the server exited on start (${proc.exitCode ?? proc.signalCode}):\n--- server output ---\n${log}`)
  }

  function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
    if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null)
      return
    try {
      process.kill(-proc.pid, signal)
    }
    catch {
      proc.kill(signal)
    }
  }

  async function stop(): Promise<void> {
    const proc = child
    if (!proc)
      return
    signalGroup(proc, 'SIGTERM')
    const timer = setTimeout(() => signalGroup(proc, 'SIGKILL'), 5000)
    await exited(proc)
    clearTimeout(timer)
    // tsx's inner node process may outlive the wrapper by a moment; make sure the port is free.
    signalGroup(proc, 'SIGKILL')
    child = null
  }

  async function kill(): Promise<void> {
    const proc = child
    if (!proc)
      return
    signalGroup(proc, 'SIGKILL')
    await exited(proc)
    child = null
  }

  await launch()
  return {
    url,
    port,
    dataDir,
    get log() { return log },
    stop,
    kill,
    async restart() {
      await stop()
      await waitFor(async () => !(await healthy(url)), { timeoutMs: 10_000, what: 'the old server to let go of the port' })
      await launch()
    },
    async dispose() {
      await stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A browser with a throw-away profile. */
export interface BrowserHandle {
  context: BrowserContext
  close: () => Promise<void>
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // No GPU here: WebGL (the 3D page) runs on SwiftShader, which Chromium only allows when asked.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  // A wall page in a background tab must not be throttled while the benchmark measures it.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
]

/**
 * tsx (esbuild) wraps named functions in `__name(...)`; functions handed to page.evaluate carry
 * that call into the page, where it does not exist. Every page gets this shim at navigation;
 * helpers that may meet a page without one (about:blank, setContent) evaluate it first.
 */
export const NAME_SHIM = 'globalThis.__name ??= (fn) => fn'

/** Ask the production build for its read-only diagnostics, `window.__wall.feed` (src/stores/expose.ts). */
export const DIAGNOSTICS_ON = 'globalThis.__wallDiagnostics = true'

export interface Viewport {
  width: number
  height: number
}

/** Debian's Chromium (or CHROMIUM_PATH), headless, with these switches. */
function chromiumOptions(args: string[]) {
  return { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args }
}

/** What every page is opened as: one CSS pixel a device pixel, in Chinese, on China's clock. */
const DEVICE = { deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: CHINA_TIME_ZONE }

export async function launchBrowser(viewport: Viewport = { width: 1920, height: 1080 }): Promise<BrowserHandle> {
  const profileDir = mkdtempSync(join(tmpdir(), 'wall-e2e-chromium-'))
  const context = await chromium.launchPersistentContext(profileDir, { ...chromiumOptions(CHROMIUM_ARGS), viewport, ...DEVICE })
  await context.addInitScript(NAME_SHIM)
  await context.addInitScript(DIAGNOSTICS_ON)
  return {
    context,
    async close() {
      await context.close().catch(() => {})
      rmSync(profileDir, { recursive: true, force: true })
    },
  }
}

/** One Chromium whose contexts are devices of their own: a wall, a tablet, a phone. */
export interface DeviceBrowser {
  browser: Browser
  /**
   * A new context at this size with the name shim (no diagnostics handle): `hasTouch` for a tablet
   * or a phone, `isMobile` for a phone's browser.
   */
  newContext: (viewport: Viewport, hasTouch: boolean, options?: { isMobile?: boolean }) => Promise<BrowserContext>
  /** close every context it made, then the browser */
  close: () => Promise<void>
}

export async function launchDevices(args: string[] = CHROMIUM_ARGS): Promise<DeviceBrowser> {
  const browser = await chromium.launch(chromiumOptions(args))
  const contexts: BrowserContext[] = []
  return {
    browser,
    async newContext(viewport, hasTouch, options = {}) {
      const context = await browser.newContext({ viewport, hasTouch, ...options, ...DEVICE })
      await context.addInitScript(NAME_SHIM)
      contexts.push(context)
      return context
    },
    async close() {
      for (const context of contexts)
        await context.close().catch(() => {})
      await browser.close().catch(() => {})
    },
  }
}

/** Console messages that are known and harmless (see docs: echarts-gl tree-shaken shaders). */
export const HARMLESS_CONSOLE_ERRORS: RegExp[] = [
  /Shader "ecgl\.[\w.]+" not existed/,
]

export interface WallPage {
  page: Page
  /** console errors and uncaught page errors, minus the allow-list */
  errors: string[]
  /** allow more messages from now on, e.g. failed reconnects while the server is deliberately down */
  allow: (pattern: RegExp) => void
}

export interface OpenWallOptions {
  width: number
  height: number
  /** path and query under the server, default /wall */
  path?: string
  /** use this page instead of opening a new one */
  page?: Page
  /** called with the page before it navigates, e.g. to watch its WebSockets */
  beforeGoto?: (page: Page) => void | Promise<void>
}

export async function openWall(context: BrowserContext, baseUrl: string, options: OpenWallOptions): Promise<WallPage> {
  // A persistent context starts with one blank tab: use it rather than leave it idling beside the wall.
  const page = options.page ?? context.pages().find(candidate => candidate.url() === 'about:blank') ?? await context.newPage()
  const allowList = [...HARMLESS_CONSOLE_ERRORS]
  const errors: string[] = []
  const onConsole = (message: ConsoleMessage): void => {
    if (message.type() !== 'error')
      return
    const text = message.text()
    if (!allowList.some(pattern => pattern.test(text)))
      errors.push(`console.error: ${text}`)
  }
  page.on('console', onConsole)
  page.on('pageerror', (error) => {
    if (!allowList.some(pattern => pattern.test(error.message)))
      errors.push(`pageerror: ${error.stack ?? error.message}`)
  })
  await page.setViewportSize({ width: options.width, height: options.height })
  await options.beforeGoto?.(page)
  await page.goto(`${baseUrl}${options.path ?? '/wall'}`, { waitUntil: 'load', timeout: 60_000 })
  return { page, errors, allow: pattern => allowList.push(pattern) }
}

/** openWall, with the page's /feed frames watched from its first socket on. */
export async function openWatchedWall(context: BrowserContext, baseUrl: string, options: OpenWallOptions): Promise<WallPage & { feed: FeedWatch }> {
  let feed: FeedWatch | undefined
  const wall = await openWall(context, baseUrl, {
    ...options,
    beforeGoto: async (page) => {
      feed = watchFeed(page)
      await options.beforeGoto?.(page)
    },
  })
  if (!feed)
    throw new Error('the feed watch was not attached')
  return { ...wall, feed }
}

export interface TerminalReady {
  /** what must be on the terminal besides its open channel (default the first page tile) */
  ready?: string
  /** how long the channel may take to open (default 30 s); `ready` then has 10 s */
  timeoutMs?: number
}

/** Wait until the terminal's control channel is open and `ready` is on it. */
export async function waitForTerminal(page: Page, { ready = '[data-testid="control-page"]', timeoutMs = 30_000 }: TerminalReady = {}): Promise<void> {
  await page.locator('[data-testid="control-connection"][data-status="open"]').waitFor({ timeout: timeoutMs })
  await page.locator(ready).first().waitFor({ timeout: 10_000 })
}

/** The control terminal, with `token` in its address, once it is connected (waitForTerminal). */
export async function openTerminal(context: BrowserContext, baseUrl: string, token: string, viewport: Viewport, ready: TerminalReady = {}): Promise<WallPage> {
  const control = await openWall(context, baseUrl, { ...viewport, path: `/control?token=${token}` })
  await waitForTerminal(control.page, ready)
  return control
}

/** Save a PNG under e2e/artifacts/ and return its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`)
  await page.screenshot({ path, timeout: 60_000, animations: 'allow' })
  return path
}

/** What assertNoOverflow found; empty arrays mean the layout fits. */
export interface OverflowReport {
  document: string[]
  panels: string[]
  text: string[]
}

/**
 * Does everything fit the wall? The document must not scroll, no panel may reach past the
 * viewport, no text block inside a panel may be wider than its box or reach past a box that clips
 * it (the panel, a card with overflow hidden). Text shortened on purpose
 * with `text-overflow: ellipsis` counts as fitting. One pixel of slack absorbs sub-pixel rounding.
 */
export async function findOverflow(page: Page): Promise<OverflowReport> {
  await page.evaluate(NAME_SHIM)
  return page.evaluate(() => {
    const slack = 1
    const vw = window.innerWidth
    const vh = window.innerHeight
    const report = { document: [] as string[], panels: [] as string[], text: [] as string[] }
    const root = document.documentElement
    if (root.scrollWidth > vw + slack || root.scrollHeight > vh + slack)
      report.document.push(`document ${root.scrollWidth}×${root.scrollHeight} > viewport ${vw}×${vh}`)

    const describe = (el: Element): string => {
      const panel = el.closest('[data-panel]')?.getAttribute('data-panel')
      const testid = el.getAttribute('data-testid')
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
      return `${panel ? `[${panel}] ` : ''}${el.tagName.toLowerCase()}${testid ? `[data-testid=${testid}]` : ''}${cls}`
    }
    const visible = (el: Element): boolean => {
      const style = getComputedStyle(el)
      return style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0
    }

    for (const panel of document.querySelectorAll('[data-panel]')) {
      // checkVisibility: a page kept mounted out of sight (opacity 0 on its slot) is not on the wall
      if (!visible(panel) || !panel.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
        continue
      const box = panel.getBoundingClientRect()
      if (box.left < -slack || box.top < -slack || box.right > vw + slack || box.bottom > vh + slack)
        report.panels.push(`${describe(panel)} box ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)} outside ${vw}×${vh}`)

      for (const el of panel.querySelectorAll<HTMLElement>('*')) {
        const ownText = [...el.childNodes].some(node => node.nodeType === Node.TEXT_NODE && node.textContent?.trim())
        if (!ownText || el.clientWidth === 0 || !visible(el))
          continue
        const style = getComputedStyle(el)
        if (style.display.startsWith('inline') && style.display !== 'inline-block' && style.display !== 'inline-flex')
          continue
        const text = `${describe(el)} "${(el.textContent ?? '').trim().slice(0, 40)}"`
        // A chart's label (SVG text) has no scroll box; its box is the glyphs' cell, ascent to
        // descent, so it may reach past a clip by a little without a pixel of ink cut.
        const svgText = el instanceof SVGElement
        const ellipsis = style.textOverflow === 'ellipsis'
        if (!svgText && !ellipsis && el.scrollWidth > el.clientWidth + slack)
          report.text.push(`${text} text ${el.scrollWidth}px in ${el.clientWidth}px`)

        // Text reaching past a box that clips (the panel, or a card inside it with overflow
        // hidden) is cut off even when every box on its own fits.
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0)
          continue
        let clip = { left: box.left, top: box.top, right: box.right, bottom: box.bottom }
        for (let ancestor = el.parentElement; ancestor && ancestor !== panel; ancestor = ancestor.parentElement) {
          const ancestorStyle = getComputedStyle(ancestor)
          if (ancestorStyle.overflowX === 'visible' && ancestorStyle.overflowY === 'visible')
            continue
          const a = ancestor.getBoundingClientRect()
          clip = { left: Math.max(clip.left, a.left), top: Math.max(clip.top, a.top), right: Math.min(clip.right, a.right), bottom: Math.min(clip.bottom, a.bottom) }
        }
        const cellSlack = svgText ? slack + r.height / 4 : slack
        const cutSideways = !ellipsis && (r.left < clip.left - slack || r.right > clip.right + slack)
        const cutVertically = r.top < clip.top - cellSlack || r.bottom > clip.bottom + cellSlack
        if (cutSideways || cutVertically)
          report.text.push(`${text} cut off ${cutVertically ? 'vertically' : 'sideways'} (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} in ${Math.round(clip.left)},${Math.round(clip.top)}–${Math.round(clip.right)},${Math.round(clip.bottom)})`)
      }
    }
    return report
  })
}

/** Throw with a readable list when anything overflows. */
export async function assertNoOverflow(page: Page): Promise<void> {
  const report = await findOverflow(page)
  const problems = [...report.document, ...report.panels, ...report.text]
  if (problems.length > 0)
    throw new Error(`layout overflows:\n  ${problems.slice(0, 30).join('\n  ')}${problems.length > 30 ? `\n  … ${problems.length - 30} more` : ''}`)
}

/** Throw when the page logged errors (after the allow-list). */
export function assertNoConsoleErrors(wall: WallPage): void {
  if (wall.errors.length > 0)
    throw new Error(`the page logged errors:\n  ${wall.errors.join('\n  ')}`)
}

/** window.__wall.feed, unwrapping refs, for tests and the benchmark only. */
export async function wallFeed(page: Page): Promise<{ messagesAccepted: number | null, status: string | null }> {
  return page.evaluate(() => {
    const feed = (window as unknown as { __wall?: { feed?: Record<string, unknown> } }).__wall?.feed
    const read = (value: unknown): unknown =>
      value !== null && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value
    const accepted = read(feed?.messagesAccepted)
    const status = read(feed?.status)
    return {
      messagesAccepted: typeof accepted === 'number' ? accepted : null,
      status: typeof status === 'string' ? status : null,
    }
  })
}

/** What the page received on /feed, read from the browser's own WebSocket frames. */
export interface FeedWatch {
  /** the newest payload of a topic (from a snapshot or a patch), or undefined */
  latest: (topic: string) => unknown
  /** frames received so far, over every connection */
  readonly frames: number
}

/** Watch the page's /feed sockets (call before navigating: sockets opened earlier are not seen). */
export function watchFeed(page: Page): FeedWatch {
  const latest = new Map<string, unknown>()
  let frames = 0
  page.on('websocket', (socket) => {
    if (!new URL(socket.url()).pathname.endsWith('/feed'))
      return
    socket.on('framereceived', ({ payload }) => {
      frames++
      if (typeof payload !== 'string')
        return
      try {
        const frame = JSON.parse(payload) as { type?: string, topic?: string, data?: unknown, topics?: Record<string, unknown> }
        if (frame.type === 'snapshot' && frame.topics) {
          for (const [topic, data] of Object.entries(frame.topics))
            latest.set(topic, data)
        }
        else if (frame.type === 'patch' && typeof frame.topic === 'string') {
          latest.set(frame.topic, frame.data)
        }
      }
      catch {
        // Not JSON: the wall's own decoder counts it; nothing to remember here.
      }
    })
  })
  return {
    latest: topic => latest.get(topic),
    get frames() { return frames },
  }
}

/**
 * The page on screen. The wall keeps a few pages mounted out of sight (src/components/keptPages.ts),
 * so `[data-screen]` alone also finds kept pages: the shown one is inside `[data-shown="true"]`.
 */
export function shownScreen(page: Page, id?: string): Locator {
  return page.locator(id === undefined ? '[data-shown="true"] [data-screen]' : `[data-shown="true"] [data-screen="${id}"]`).first()
}

/** The id of the page on screen, or null when none is (yet). */
export async function shownScreenId(page: Page, timeoutMs = 5_000): Promise<string | null> {
  return await shownScreen(page).getAttribute('data-screen', { timeout: timeoutMs }).catch(() => null)
}

/**
 * Wait until `id` is the page on screen. On a timeout the error says which pages the wall holds and
 * which is shown, and the feed's status, so a failure in a long run can be read from its log.
 */
export async function waitForScreen(page: Page, id: string, { timeoutMs = 15_000, state = 'attached' }: { timeoutMs?: number, state?: 'attached' | 'visible' } = {}): Promise<void> {
  try {
    await shownScreen(page, id).waitFor({ state, timeout: timeoutMs })
  }
  catch (error) {
    const held = await page.evaluate(() => ({
      pages: [...document.querySelectorAll('[data-shown]')].map(slot => `${slot.querySelector('[data-screen]')?.getAttribute('data-screen') ?? '(loading)'}${slot.getAttribute('data-shown') === 'true' ? ' (shown)' : ''}`),
      feed: (window as { __wall?: { feed?: { status?: string, messagesAccepted?: number } } }).__wall?.feed,
    }), undefined).catch(() => null)
    const feed = held?.feed ? `; feed ${held.feed.status}, ${held.feed.messagesAccepted} messages` : ''
    throw new Error(`${id} not shown within ${timeoutMs} ms; the wall holds ${held ? held.pages.join(', ') || 'no page' : '(page not answering)'}${feed}`, { cause: error })
  }
}

/** Wait until the overview (or the given screen) shows live data: badge live and KPI digits present. */
export async function waitForLive(page: Page, { screen = 'overview', timeoutMs = 60_000 } = {}): Promise<void> {
  await waitForScreen(page, screen, { timeoutMs, state: 'visible' })
  await page.locator('[data-testid="connection-badge"][data-status="live"]').first().waitFor({ state: 'visible', timeout: timeoutMs })
}

/** Epoch milliseconds with sub-millisecond precision, comparable with a page's own `performance` clock. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now()
}

/** The server's answer to one command. */
export type ControlAnswer = Extract<ControlServerMessage, { type: 'ack' | 'nack' }>

/** One sent command and what came back. */
export interface CommandTiming {
  answer: ControlAnswer
  /** preciseNow() just before the frame was written to the socket */
  sentAt: number
  /** preciseNow() when the ack or nack was read */
  answeredAt: number
}

/** A control client of the test's own on `/control-feed`: the server's wall state as it says it. */
export interface RawControl {
  ws: WebSocket
  /** the pages the server offers, from its hello */
  pages: () => readonly ControlPage[]
  /** the newest wall state the server sent; throws before its hello */
  state: () => WallState
  /** resolves with the close code and reason */
  closed: Promise<{ code: number, reason: string }>
  /** send a command (once the socket is open); resolves with its ack or nack */
  command: (command: ControlCommandInput, expectRevision?: number) => Promise<ControlAnswer>
  /** the same, with when it was sent and answered */
  timed: (command: ControlCommandInput, expectRevision?: number) => Promise<CommandTiming>
  close: () => void
}

export interface RawControlOptions {
  /** the control token, offered as a sub-protocol; none offers no token */
  token?: string
  origin?: string
  /** how long a command waits for its answer (default 5 s) */
  answerTimeoutMs?: number
}

let rawCommandIds = 0

export function openRawControl(baseUrl: string, options: RawControlOptions = {}): RawControl {
  const url = `${baseUrl.replace(/^http/, 'ws')}${CONTROL_PATH}`
  const ws = options.token === undefined
    ? new WebSocket(url, { origin: options.origin })
    : new WebSocket(url, controlProtocols(options.token), { origin: options.origin })
  const answerTimeoutMs = options.answerTimeoutMs ?? 5_000
  let latest: WallState | null = null
  let pages: readonly ControlPage[] = []
  const answers = new Map<string, (answer: ControlAnswer, at: number) => void>()
  ws.on('message', (data) => {
    const at = preciseNow()
    const frame = JSON.parse(String(data)) as ControlServerMessage
    if (frame.type === 'hello')
      pages = frame.pages
    if (frame.type === 'hello' || frame.type === 'state')
      latest = frame.wallState
    if ((frame.type === 'ack' || frame.type === 'nack') && frame.id !== null) {
      answers.get(frame.id)?.(frame, at)
      answers.delete(frame.id)
    }
  })
  const closed = new Promise<{ code: number, reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) }))
  })
  ws.on('error', () => {})

  function timed(command: ControlCommandInput, expectRevision?: number): Promise<CommandTiming> {
    const id = `raw-${++rawCommandIds}`
    const frame = controlCommandFrame(id, command, expectRevision)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${command.kind} within ${answerTimeoutMs / 1000} s`)), answerTimeoutMs)
      let sentAt = 0
      answers.set(id, (answer, answeredAt) => {
        clearTimeout(timer)
        resolve({ answer, sentAt, answeredAt })
      })
      const send = (): void => {
        sentAt = preciseNow()
        ws.send(frame)
      }
      if (ws.readyState === WebSocket.OPEN)
        send()
      else
        ws.once('open', send)
    })
  }

  return {
    ws,
    pages: () => pages,
    state: () => {
      if (!latest)
        throw new Error('no wall state from the server yet')
      return latest
    },
    closed,
    command: async (command, expectRevision) => (await timed(command, expectRevision)).answer,
    timed,
    close: () => ws.close(),
  }
}

/** openRawControl, once the server's hello has come (10 s at most). */
export async function connectRawControl(baseUrl: string, options: RawControlOptions = {}): Promise<RawControl> {
  const raw = openRawControl(baseUrl, options)
  await waitFor(() => raw.state(), { timeoutMs: 10_000, what: 'the server\'s hello on a raw control client' })
  return raw
}
