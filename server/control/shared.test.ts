/**
 * Broker mode of the control endpoint, with the broker's in-memory implementations standing in for
 * NATS (contract.test.ts holds both to the same checks): two hubs' endpoints on one shared store.
 * A command on one hub reaches the other; a stale expectRevision is refused as in one process; a
 * broker out of reach refuses every command and changes nothing; only the lease holder advances
 * the playlist; an audit entry written while the broker was away follows when it is back.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import { CONTROL_PATH, controlCommandFrame, controlProtocols, type ControlCommandInput, type WallState } from '#protocol'
import { createMemoryAuditLog, createMemoryLeaderElection, createMemoryWallStateStore } from '../broker/memory.ts'
import { BrokerUnavailableError, type AuditLog, type LeaderElection, type WallStateStore } from '../broker/types.ts'
import { createControlEndpoint, type ControlEndpoint, type SharedControl } from './endpoint.ts'

const TOKEN = 'shared-token-0123456789'
const PAGES = ['overview', 'heatmap', 'credit'].map(id => ({ id, title: { zh: id, en: id } }))

/** A broker whose reachability the test switches; while away, every operation fails as NATS's do. */
function sharedBroker(store: WallStateStore, audit: AuditLog, leader: LeaderElection) {
  let available = true
  const listeners = new Set<(up: boolean) => void>()
  const guard = <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) => (...args: A): Promise<R> =>
    available ? call(...args) : Promise.reject(new BrokerUnavailableError(operation))
  const shared: SharedControl = {
    wallState: { load: guard('load', store.load), compareAndSet: guard('compare-and-set', store.compareAndSet), watch: store.watch },
    audit: { append: guard('append', audit.append), read: audit.read },
    playlistClock: leader,
    get available() {
      return available
    },
    onAvailabilityChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    shared,
    setAvailable(up: boolean) {
      available = up
      listeners.forEach(listener => listener(up))
    },
  }
}

interface Hub {
  state: () => WallState
  endpoint: ControlEndpoint
  command: (command: ControlCommandInput, expectRevision?: number) => Promise<any>
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup()
})

async function hub(shared: SharedControl, now: () => number = Date.now): Promise<Hub> {
  const dir = mkdtempSync(join(tmpdir(), 'wall-shared-'))
  let state: WallState | null = null
  const endpoint = createControlEndpoint({
    hub: { getWallState: () => state!, setWallState: (next) => { state = next }, clients: () => [] },
    shared,
    config: { allowedOrigins: ['same-origin'], commandsPerSecond: 50 },
    dataDir: dir,
    pages: PAGES,
    token: TOKEN,
    now,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  })
  await endpoint.ready
  const server: Server = createServer((_req, res) => res.writeHead(404).end())
  server.on('upgrade', (req, socket, head) => void endpoint.handleUpgrade(req, socket, head))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const terminal = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}${CONTROL_PATH}`, controlProtocols(TOKEN))
  const answers = new Map<string, (frame: unknown) => void>()
  terminal.on('message', (data) => {
    const frame = JSON.parse(String(data))
    if (frame.id)
      answers.get(frame.id)?.(frame)
  })
  await new Promise(resolve => terminal.once('open', resolve))
  let ids = 0
  cleanups.push(() => {
    terminal.close()
    endpoint.close()
    server.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return {
    state: () => state!,
    endpoint,
    command: (command, expectRevision) => new Promise((resolve) => {
      const id = `c${++ids}`
      answers.set(id, resolve)
      terminal.send(controlCommandFrame(id, command, expectRevision))
    }),
  }
}

describe('the control endpoint in broker mode', () => {
  it('applies a command on one hub to the shared state, which the other hub shows', async () => {
    const store = createMemoryWallStateStore()
    const audit = createMemoryAuditLog()
    const broker = sharedBroker(store, audit, createMemoryLeaderElection('a'))
    const a = await hub(broker.shared)
    const b = await hub(broker.shared)
    expect(await a.command({ kind: 'showPage', page: 'heatmap' })).toMatchObject({ type: 'ack', revision: 1 })
    await vi.waitFor(() => expect(b.state()).toMatchObject({ page: 'heatmap', revision: 1 }))
    expect(await b.command({ kind: 'setBanner', text: '集群' })).toMatchObject({ type: 'ack', revision: 2 })
    await vi.waitFor(() => expect(a.state()).toMatchObject({ page: 'heatmap', banner: '集群', revision: 2 }))
    expect((await store.load())?.state).toEqual(a.state())
    // A repeat changes nothing and writes nothing.
    expect(await a.command({ kind: 'showPage', page: 'heatmap' })).toMatchObject({ type: 'ack', revision: 2 })
    await vi.waitFor(async () => expect((await audit.read()).map(record => [record.entry.action, record.entry.revision])).toEqual([['showPage', 1], ['setBanner', 2]]))
  })

  it('answers a stale expectRevision with staleRevision, as one process does', async () => {
    const broker = sharedBroker(createMemoryWallStateStore(), createMemoryAuditLog(), createMemoryLeaderElection('a'))
    const a = await hub(broker.shared)
    const b = await hub(broker.shared)
    await a.command({ kind: 'showPage', page: 'credit' })
    expect(await b.command({ kind: 'showPage', page: 'heatmap' }, 0)).toMatchObject({ type: 'nack', code: 'staleRevision', revision: 1 })
    expect(a.state().page).toBe('credit')
  })

  it('refuses every command while the broker is out of reach, changes nothing, and takes them again after', async () => {
    const store = createMemoryWallStateStore()
    const broker = sharedBroker(store, createMemoryAuditLog(), createMemoryLeaderElection('a'))
    const a = await hub(broker.shared)
    broker.setAvailable(false)
    expect(await a.command({ kind: 'setBlackout', on: true })).toMatchObject({ type: 'nack', code: 'brokerUnavailable', revision: 0 })
    expect(a.state().blackout).toBe(false)
    expect((await store.load())?.state.blackout).toBe(false)
    broker.setAvailable(true)
    expect(await a.command({ kind: 'setBlackout', on: true })).toMatchObject({ type: 'ack', revision: 1 })
  })

  it('keeps an audit entry the broker could not take, and writes it when the broker is back', async () => {
    const audit = createMemoryAuditLog()
    const broker = sharedBroker(createMemoryWallStateStore(), audit, createMemoryLeaderElection('a'))
    const flaky: SharedControl = { ...broker.shared, audit: { append: () => Promise.reject(new BrokerUnavailableError('append')), read: audit.read } }
    const a = await hub(flaky)
    expect(await a.command({ kind: 'showPage', page: 'credit' })).toMatchObject({ type: 'ack' })
    expect(await audit.read()).toEqual([])
    flaky.audit = broker.shared.audit
    broker.setAvailable(false)
    broker.setAvailable(true)
    await vi.waitFor(async () => expect((await audit.read()).map(record => record.entry.action)).toEqual(['showPage']))
  })

  it('advances a running playlist on the lease holder only', async () => {
    const store = createMemoryWallStateStore()
    const broker = sharedBroker(store, createMemoryAuditLog(), createMemoryLeaderElection('a'))
    const follower = createMemoryLeaderElection('b')
    await follower.resign()
    const a = await hub(broker.shared)
    const b = await hub({ ...broker.shared, playlistClock: follower })
    await a.command({ kind: 'setPlaylist', items: [{ page: 'heatmap', dwellSec: 5 }, { page: 'credit', dwellSec: 5 }] })
    expect(await b.command({ kind: 'playlistStart' })).toMatchObject({ type: 'ack' })
    await vi.waitFor(() => expect(b.state().page).toBe('heatmap'))
    const started = b.state().revision
    // One advance after the dwell, made by hub a, seen by both.
    await vi.waitFor(() => expect(b.state()).toMatchObject({ page: 'credit', revision: started + 1 }), { timeout: 8000, interval: 100 })
    expect(a.state()).toEqual(b.state())
    await a.command({ kind: 'playlistPause' })
  }, 15_000)
})
