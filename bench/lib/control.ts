/**
 * A control client for the benchmark: the operator's channel (`/control-feed`, token as a WebSocket
 * sub-protocol), plus a wall that the benchmark drives through it, page by page, exactly as an
 * operator would. Times are `performance.timeOrigin + performance.now()`, the clock the page uses
 * too, so a Node-side send time and a page-side render time can be subtracted.
 */
import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'
import { launchBrowser, openWall, startServer, waitForLive, type BrowserHandle, type ServerHandle, type WallPage } from '../../e2e/harness.ts'
import {
  CONTROL_PATH,
  controlCommandFrame,
  controlProtocols,
  type ControlCommandInput,
  type ControlPage,
  type ControlServerMessage,
  type WallState,
} from '#protocol'

/** The token the benchmark's server is started with (WALL_CONTROL_TOKEN). */
export const BENCH_CONTROL_TOKEN = 'bench-control-token-0123456789abcdef'

/** Epoch milliseconds with sub-millisecond precision, comparable with the page's own. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now()
}

export type ControlAnswer = Extract<ControlServerMessage, { type: 'ack' | 'nack' }>

/** One sent command and what came back. */
export interface CommandTiming {
  answer: ControlAnswer
  /** preciseNow() just before the frame was written to the socket */
  sentAt: number
  /** preciseNow() when the ack or nack was read */
  answeredAt: number
}

export interface ControlClient {
  /** pages the server offers (the registry it read at start) */
  pages: readonly ControlPage[]
  /** the newest wall state the server sent */
  state: () => WallState
  command: (command: ControlCommandInput) => Promise<CommandTiming>
  close: () => void
}

export async function openControl(server: ServerHandle, token = BENCH_CONTROL_TOKEN): Promise<ControlClient> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${CONTROL_PATH}`, controlProtocols(token))
  let state: WallState | null = null
  let pages: readonly ControlPage[] = []
  let ids = 0
  const waiting = new Map<string, (answer: ControlAnswer, at: number) => void>()
  const hello = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no hello from the control endpoint within 10 s')), 10_000)
    ws.on('message', (data) => {
      const at = preciseNow()
      const frame = JSON.parse(String(data)) as ControlServerMessage
      if (frame.type === 'hello') {
        pages = frame.pages
        state = frame.wallState
        clearTimeout(timer)
        resolve()
      }
      else if (frame.type === 'state') {
        state = frame.wallState
      }
      else if ((frame.type === 'ack' || frame.type === 'nack') && frame.id !== null) {
        waiting.get(frame.id)?.(frame, at)
        waiting.delete(frame.id)
      }
    })
    ws.once('close', (code, reason) => reject(new Error(`control channel closed: ${code} ${String(reason)}`)))
    ws.once('error', error => reject(error))
  })
  await hello
  return {
    get pages() { return pages },
    state: () => {
      if (!state)
        throw new Error('no wall state yet')
      return state
    },
    command(command) {
      const id = `bench-${++ids}`
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${command.kind} within 10 s`)), 10_000)
        const frame = controlCommandFrame(id, command)
        const sentAt = preciseNow()
        waiting.set(id, (answer, answeredAt) => {
          clearTimeout(timer)
          resolve({ answer, sentAt, answeredAt })
        })
        ws.send(frame)
      })
    },
    close: () => ws.close(),
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
