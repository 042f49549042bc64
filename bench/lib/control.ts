/**
 * A control client for the benchmark: the operator's channel (`/control-feed`, token as a WebSocket
 * sub-protocol), plus a wall that the benchmark drives through it, page by page, exactly as an
 * operator would. Times are the harness's preciseNow(), `performance.timeOrigin + performance.now()`,
 * the clock the page uses too, so a Node-side send time and a page-side render time can be subtracted.
 */
import {
  type CommandTiming,
  connectRawControl,
  launchBrowser,
  openWall,
  preciseNow,
  startServer,
  waitForLive,
  type BrowserHandle,
  type ServerHandle,
  type WallPage,
} from '../../e2e/harness.ts'
import type { ControlCommandInput, ControlPage, WallState } from '#protocol'

/** The token the benchmark's server is started with (WALL_CONTROL_TOKEN). */
export const BENCH_CONTROL_TOKEN = 'bench-control-token-0123456789abcdef'

export interface ControlClient {
  /** pages the server offers (the registry it read at start) */
  pages: readonly ControlPage[]
  /** the newest wall state the server sent */
  state: () => WallState
  command: (command: ControlCommandInput) => Promise<CommandTiming>
  close: () => void
}

/** The harness's raw control client, once the server's hello has come; commands are timed. */
export async function openControl(server: ServerHandle, token = BENCH_CONTROL_TOKEN): Promise<ControlClient> {
  const raw = await connectRawControl(server.url, { token, answerTimeoutMs: 10_000 })
  return {
    get pages() { return raw.pages() },
    state: raw.state,
    command: command => raw.timed(command),
    close: raw.close,
  }
}

/** A server with the control channel open, one wall at the wall's pixels, and a control client. */
export interface ControlledWall {
  server: ServerHandle
  browser: BrowserHandle
  wall: WallPage
  control: ControlClient
  /** preciseNow() when the wall's page started loading */
  openedAt: number
  /** show a page and wait until its root is in the DOM; returns the command's timing */
  show: (pageId: string, timeoutMs?: number) => Promise<CommandTiming>
  close: () => Promise<void>
}

export interface ControlledWallOptions {
  width: number
  height: number
  feedRate: number
  /** init scripts for the wall page, e.g. MARK_FEED_MESSAGES */
  initScripts?: string[]
}

export async function openControlledWall(options: ControlledWallOptions): Promise<ControlledWall> {
  const server = await startServer({ env: { FEED_RATE: String(options.feedRate), WALL_CONTROL_TOKEN: BENCH_CONTROL_TOKEN } })
  let browser: BrowserHandle | null = null
  let control: ControlClient | null = null
  try {
    browser = await launchBrowser({ width: options.width, height: options.height })
    for (const script of options.initScripts ?? [])
      await browser.context.addInitScript(script)
    const openedAt = preciseNow()
    const wall = await openWall(browser.context, server.url, { width: options.width, height: options.height })
    await waitForLive(wall.page, { screen: 'overview' })
    control = await openControl(server)
    const opened = { server, browser, control }
    return {
      ...opened,
      wall,
      openedAt,
      async show(pageId, timeoutMs = 30_000) {
        const timing = await opened.control.command({ kind: 'showPage', page: pageId })
        if (timing.answer.type === 'nack')
          throw new Error(`showPage ${pageId} refused: ${timing.answer.code} ${timing.answer.message}`)
        await wall.page.locator(`[data-shown="true"] [data-screen="${pageId}"]`).first().waitFor({ state: 'attached', timeout: timeoutMs })
        return timing
      },
      async close() {
        opened.control.close()
        await opened.browser.close()
        await opened.server.dispose()
      },
    }
  }
  catch (error) {
    control?.close()
    await browser?.close()
    await server.dispose()
    throw error
  }
}
