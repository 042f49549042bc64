/**
 * Two hubs of one deployment on a real nats-server, with real Chromium: hub A runs the simulator
 * and publishes on NATS, hub B takes its data from NATS only. The wall is on hub B (given both
 * feeds, B first), the control terminal on hub A. Commands on A reach the wall on B; the terminal
 * lists the walls of both hubs; B dies and its wall moves to A with the same state; NATS dies and
 * the wall keeps its figures marked stale while the terminal says control is unavailable; NATS
 * returns and all is live and controllable again without a reload, nothing lost from the shared
 * state or the audit stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { clientFrame, type ControlCommandInput } from '#protocol'
import { createNatsAuditLog } from '../server/broker/nats/audit-log.ts'
import { connectBroker } from '../server/broker/nats/connection.ts'
import { createNatsWallStateStore } from '../server/broker/nats/state-store.ts'
import { startNatsServer, type TestNatsServer } from '../server/broker/testing.ts'
import {
  assertNoConsoleErrors,
  connectRawControl,
  type DeviceBrowser,
  freePort,
  launchDevices,
  openTerminal,
  openWall,
  type RawControl,
  screenshot,
  shownScreenId,
  startServer,
  type ServerHandle,
  waitFor,
  waitForLive,
  waitForScreen,
  type WallPage,
} from './harness.ts'

const TOKEN = 'e2e-cluster-token-0123456789abcdef'
const WALL = { width: 1920, height: 1080 }
const TABLET = { width: 1280, height: 800 }
/** How long a change may take to show on the wall: a chart page at software rendering, a shared machine. */
const WALL_TIMEOUT_MS = 15_000
/** The shortest dwell the server accepts (MIN_DWELL_SEC). */
const DWELL_SEC = 5

let nats: TestNatsServer
let hubA: ServerHandle
let hubB: ServerHandle
let devices: DeviceBrowser
let wall: WallPage
let control: WallPage
let observer: RawControl
let sideWall: WebSocket
/** every command the hubs acknowledged as a change, in order: what the audit stream must hold */
const applied: string[] = []

/** A command through the raw client that must change the wall; remembered for the audit check. */
async function apply(command: ControlCommandInput): Promise<void> {
  const answer = await observer.command(command)
  expect(answer, JSON.stringify(answer)).toMatchObject({ type: 'ack' })
  applied.push(command.kind)
}

interface Health { clients: number, broker?: { hubId: string, available: boolean, runsPlaylistClock: boolean } }

async function health(hub: ServerHandle): Promise<Health> {
  return await (await fetch(`${hub.url}/healthz`)).json() as Health
}

async function healthClients(hub: ServerHandle): Promise<number> {
  return (await health(hub)).clients
}

async function tapPage(id: string): Promise<void> {
  await control.page.locator(`[data-testid="control-page"][data-page="${id}"]`).tap()
}

beforeAll(async () => {
  nats = await startNatsServer()
  const [portA, portB] = [await freePort(), await freePort()]
  const peers = `http://127.0.0.1:${portA},http://127.0.0.1:${portB}`
  const common = { NATS_URL: nats.url, WALL_CONTROL_TOKEN: TOKEN, PEER_HUBS: peers }
  // A first: it seeds the shared state and takes the playlist clock.
  hubA = await startServer({ port: portA, env: { ...common, HUB_ID: 'hub-a' } })
  hubB = await startServer({ port: portB, env: { ...common, HUB_ID: 'hub-b', UPSTREAM: 'nats' } })
  devices = await launchDevices()
  wall = await openWall(await devices.newContext(WALL, false), hubB.url, { ...WALL, path: `/wall?feed=ws://127.0.0.1:${portB}/feed,ws://127.0.0.1:${portA}/feed` })
  await waitForLive(wall.page)
  // A reload would reset this: it must survive every failure below.
  await wall.page.evaluate(() => { (window as unknown as { clusterMark: number }).clusterMark = 1 })
  control = await openTerminal(await devices.newContext(TABLET, true), hubA.url, TOKEN, TABLET)
  // the test's own view of the shared wall state, on hub A
  observer = await connectRawControl(hubA.url, { token: TOKEN })
  // A second wall, on hub A, as a plain feed client reporting its status.
  sideWall = new WebSocket(`${hubA.url.replace(/^http/, 'ws')}/feed`)
  sideWall.on('error', () => {})
  await new Promise(resolve => sideWall.once('open', resolve))
  sideWall.send(clientFrame({ v: 1, type: 'status', data: { page: 'overview', dataAgeMs: 0, profile: 'side', width: 3840, height: 1080 } }))
})

afterAll(async () => {
  sideWall?.close()
  observer?.close()
  await devices?.close()
  await hubB?.dispose()
  await hubA?.dispose()
  await nats?.dispose()
})

describe('two hubs on NATS', () => {
  it('carries a page switch, a banner and the playlist from the terminal on hub A to the wall on hub B', async () => {
    expect((await health(hubA)).broker).toEqual({ hubId: 'hub-a', available: true, runsPlaylistClock: true })
    expect((await health(hubB)).broker).toEqual({ hubId: 'hub-b', available: true, runsPlaylistClock: false })
    expect(await wall.page.locator('[data-testid="kpi-value"]').count()).toBeGreaterThan(0)
    await tapPage('heatmap')
    await waitForScreen(wall.page, 'heatmap', { timeoutMs: WALL_TIMEOUT_MS })
    await waitFor(() => observer.state().page === 'heatmap', { timeoutMs: 5_000, what: 'the terminal\'s switch in the shared state' })
    applied.push('showPage')

    await apply({ kind: 'setBanner', text: '全国执行指挥中心 集群演练' })
    await wall.page.locator('[data-testid="wall-banner-text"]').filter({ hasText: '集群演练' }).waitFor({ timeout: WALL_TIMEOUT_MS })

    // The playlist clock runs once, on one hub; the wall on B follows it by itself.
    await apply({ kind: 'setPlaylist', items: [{ page: 'battleplan', dwellSec: DWELL_SEC }, { page: 'overview', dwellSec: DWELL_SEC }] })
    await apply({ kind: 'playlistStart' })
    await waitForScreen(wall.page, 'battleplan', { timeoutMs: WALL_TIMEOUT_MS })
    await waitForScreen(wall.page, 'overview', { timeoutMs: WALL_TIMEOUT_MS })
    await apply({ kind: 'playlistPause' })
    await screenshot(wall.page, 'cluster-wall-on-b')
  })

  it('lists the walls of both hubs on the terminal of hub A', async () => {
    const rows = control.page.locator('[data-testid="wall-status-row"]')
    await waitFor(async () => {
      const names = await rows.evaluateAll(list => list.map(row => row.getAttribute('data-wall') ?? ''))
      return names.some(name => name.startsWith('hub-a/')) && names.some(name => name.startsWith('hub-b/'))
    }, { timeoutMs: 20_000, what: 'walls of hub-a and hub-b in the terminal' })
    const texts = await rows.allInnerTexts()
    expect(texts.some(text => text.includes('1920×1080')), JSON.stringify(texts)).toBe(true)
    expect(texts.some(text => text.includes('3840×1080')), JSON.stringify(texts)).toBe(true)
    await screenshot(control.page, 'cluster-terminal-two-hubs')
  })

  it('moves the wall to hub A when hub B dies, with the same state, and A commands it', async () => {
    wall.allow(/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/)
    const before = observer.state()
    const clientsOnA = await healthClients(hubA)
    await hubB.kill()
    await waitFor(async () => await healthClients(hubA) > clientsOnA, { timeoutMs: 20_000, what: 'the wall to connect to hub A' })
    await waitForLive(wall.page, { screen: before.page, timeoutMs: WALL_TIMEOUT_MS })
    expect(await wall.page.locator('[data-testid="wall-banner-text"]').innerText()).toContain('集群演练')
    await apply({ kind: 'showPage', page: 'credit' })
    await waitForScreen(wall.page, 'credit', { timeoutMs: WALL_TIMEOUT_MS })
  })

  it('keeps the wall\'s figures marked stale and refuses control while NATS is down', async () => {
    const badge = wall.page.locator('[data-testid="connection-badge"]').first()
    await nats.stop()
    await waitFor(async () => await badge.getAttribute('data-upstream') === 'stale', { timeoutMs: 20_000, what: 'the badge to say the source is stalled' })
    expect(await badge.getAttribute('data-status')).toBe('live')
    await wall.page.locator('[data-testid="stale-mark"]').first().waitFor({ state: 'visible', timeout: WALL_TIMEOUT_MS })
    await waitForScreen(wall.page, 'credit', { timeoutMs: WALL_TIMEOUT_MS })

    await tapPage('auction')
    const toast = control.page.locator('[data-testid="control-error"][data-code="brokerUnavailable"]')
    await toast.waitFor({ timeout: 10_000 })
    expect(await toast.innerText()).toContain('控制暂不可用')
    await toast.locator('button').tap()
    expect((await observer.command({ kind: 'setBlackout', on: true })).type).toBe('nack')
    expect((await health(hubA)).broker).toMatchObject({ available: false, runsPlaylistClock: false })
    await screenshot(control.page, 'cluster-terminal-no-broker')
    expect(await shownScreenId(wall.page)).toBe('credit')
  })

  it('is live and controllable again when NATS returns, without a reload, with nothing lost', async () => {
    await nats.start()
    const badge = wall.page.locator('[data-testid="connection-badge"]').first()
    await waitFor(async () => await badge.getAttribute('data-upstream') === null, { timeoutMs: 30_000, what: 'the source to be live again' })
    await waitFor(async () => {
      const answer = await observer.command({ kind: 'showPage', page: 'auction' })
      return answer.type === 'ack'
    }, { timeoutMs: 15_000, intervalMs: 500, what: 'control to be back' })
    applied.push('showPage')
    await waitForScreen(wall.page, 'auction', { timeoutMs: WALL_TIMEOUT_MS })
    expect(await wall.page.evaluate(() => (window as unknown as { clusterMark?: number }).clusterMark)).toBe(1)

    // The shared state and the audit stream, read straight from NATS.
    const connection = await connectBroker({ servers: nats.url, name: 'e2e-check' })
    try {
      const stored = await (await createNatsWallStateStore(connection)).load()
      expect(stored?.state).toMatchObject({ page: 'auction', banner: '全国执行指挥中心 集群演练', blackout: false })
      expect(stored?.state).toEqual(observer.state())
      const audit = await (await createNatsAuditLog(connection)).read({ limit: 100 })
      expect(audit.map(record => record.entry.action)).toEqual(applied)
      const revisions = audit.map(record => record.entry.revision)
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b))
      expect(new Set(revisions).size).toBe(revisions.length)
    }
    finally {
      await connection.close()
    }
    assertNoConsoleErrors(wall)
    assertNoConsoleErrors(control)
  })
})
