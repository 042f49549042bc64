// The same checks on the in-memory implementations and the NATS ones: a hub must not be able to
// tell which it was given.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { applyCommand, createDefaultWallState } from '#control'
import { PAGE_IDS, UNIT_IDS } from '#protocol'
import { applyToStore } from './commit.ts'
import { createMemoryAuditLog, createMemoryLeaderElection, createMemoryTopicBus, createMemoryWallDirectory, createMemoryWallStateStore } from './memory.ts'
import { connectBroker, createNatsAuditLog, createNatsLeaderElection, createNatsTopicBus, createNatsWallDirectory, createNatsWallStateStore, type BrokerConnection } from './nats/index.ts'
import { startNatsServer, type TestNatsServer } from './testing.ts'
import type { AuditLog, LeaderElection, TopicBus, VersionedWallState, WallDirectory, WallStateStore } from './types.ts'

const T0 = Date.UTC(2026, 11, 2, 8, 0, 0)

interface Implementation {
  wallState: () => Promise<WallStateStore>
  audit: () => Promise<AuditLog>
  topics: () => Promise<TopicBus>
  walls: (hubId: string) => Promise<WallDirectory>
  leader: (candidateId: string) => Promise<LeaderElection>
}

let nats: TestNatsServer
let connection: BrokerConnection
let number = 0
const cleanups: (() => unknown)[] = []

beforeAll(async () => {
  nats = await startNatsServer()
  connection = await connectBroker({ servers: nats.url, name: 'contract' })
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0))
    await Promise.resolve(cleanup()).catch(() => {})
})
afterAll(async () => {
  await connection?.close()
  await nats?.dispose()
})

const implementations: Record<string, Implementation> = {
  memory: {
    wallState: async () => createMemoryWallStateStore(),
    audit: async () => createMemoryAuditLog(),
    topics: async () => createMemoryTopicBus(),
    walls: async hubId => createMemoryWallDirectory(hubId),
    leader: async candidateId => createMemoryLeaderElection(candidateId),
  },
  nats: {
    wallState: () => createNatsWallStateStore(connection, { bucket: `C_STATE_${++number}` }),
    audit: () => createNatsAuditLog(connection, { stream: `C_AUDIT_${++number}`, subjectPrefix: `caudit${number}` }),
    topics: () => createNatsTopicBus(connection, { stream: `C_TOPICS_${++number}`, subjectPrefix: `ctopic${number}` }),
    walls: hubId => createNatsWallDirectory(connection, { hubId, bucket: `C_WALLS_${++number}` }),
    leader: candidateId => createNatsLeaderElection(connection, { role: 'playlist-clock', candidateId, bucket: `C_LEADER_${++number}` }),
  },
}

describe.each(Object.entries(implementations))('the %s broker', (_name, implementation) => {
  it('applies commands with compare-and-set and refuses a stale revision', async () => {
    const store = await implementation.wallState()
    const seen: VersionedWallState[] = []
    cleanups.push(await store.watch(current => seen.push(current)))
    const registry = { pages: new Set(PAGE_IDS), units: new Set(UNIT_IDS), now: T0 }
    const initial = () => createDefaultWallState(T0)
    const shown = await applyToStore(store, state => applyCommand(state, { kind: 'showPage', page: 'heatmap' }, registry), { initial })
    expect(shown).toMatchObject({ ok: true, changed: true, state: { page: 'heatmap', revision: 1 } })
    const again = await applyToStore(store, state => applyCommand(state, { kind: 'showPage', page: 'heatmap' }, registry), { initial })
    expect(again).toMatchObject({ ok: true, changed: false, state: { revision: 1 } })
    const loaded = (await store.load())!
    expect(await store.compareAndSet({ ...loaded.state, banner: 'x', revision: 2 }, loaded.revision + 1)).toMatchObject({
      ok: false,
      code: 'staleRevision',
      message: 'the wall state changed meanwhile: it is at revision 1',
    })
    await vi.waitFor(() => expect(seen.map(s => s.state.page)).toEqual(['heatmap']))
  })

  it('numbers audit entries and reads the newest back in order', async () => {
    const audit = await implementation.audit()
    const entry = (revision: number) => ({ at: T0, action: 'setBanner', detail: { text: `第${revision}条` }, address: '10.0.0.1', revision })
    expect([await audit.append(entry(1)), await audit.append(entry(2)), await audit.append(entry(3))]).toEqual([1, 2, 3])
    expect(await audit.read({ limit: 2 })).toEqual([{ seq: 2, entry: entry(2) }, { seq: 3, entry: entry(3) }])
    expect(await audit.read({ limit: 0 })).toEqual([])
  })

  it('gives a late subscriber the last value of every topic, then the new ones', async () => {
    const bus = await implementation.topics()
    await bus.publish('national.kpi', { n: 1 })
    await bus.publish('national.kpi', { n: 2 })
    await bus.publish('credit.stats', { m: 1 })
    const received: [string, unknown][] = []
    const subscription = await bus.subscribe((topic, payload) => received.push([topic, payload]))
    cleanups.push(subscription.stop)
    await subscription.ready
    expect(new Map(received)).toEqual(new Map<string, unknown>([['national.kpi', { n: 2 }], ['credit.stats', { m: 1 }]]))
    await bus.publish('credit.stats', { m: 2 })
    await vi.waitFor(() => expect(received.at(-1)).toEqual(['credit.stats', { m: 2 }]))
    expect(await bus.lastValues()).toEqual(new Map<string, unknown>([['national.kpi', { n: 2 }], ['credit.stats', { m: 2 }]]))
  })

  it('lists the walls a hub reports, and none after it closes', async () => {
    const directory = await implementation.walls('hub-1')
    await directory.report([
      { id: 'wall-2', remoteAddress: '10.0.0.2', connectedAt: 2, lastSeenAt: 2, status: null },
      { id: 'wall-1', remoteAddress: null, connectedAt: 1, lastSeenAt: 1, status: null },
    ])
    await vi.waitFor(() => expect(directory.list().map(wall => `${wall.hubId}/${wall.id}`)).toEqual(['hub-1/wall-1', 'hub-1/wall-2']))
    await directory.close()
    await vi.waitFor(() => expect(directory.list()).toEqual([]))
  })

  it('makes a lone candidate the leader until it resigns', async () => {
    const election = await implementation.leader('hub-1')
    expect(election.isLeader).toBe(true)
    expect(await election.leader()).toBe('hub-1')
    const changes: boolean[] = []
    election.onChange(leader => changes.push(leader))
    await election.resign()
    expect(election.isLeader).toBe(false)
    expect(changes).toEqual([false])
    expect(await election.leader()).toBeNull()
  })
})
