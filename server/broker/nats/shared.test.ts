// The audit stream, the last-value topic bus, the wall directory and the leader election, each
// against a real nats-server, with several hubs as several connections.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AuditEntry } from '../../control/persist.ts'
import { startNatsServer, type TestNatsServer } from '../testing.ts'
import { connectBroker, type BrokerConnection } from './connection.ts'
import { createNatsAuditLog } from './audit-log.ts'
import { createNatsLeaderElection } from './leader.ts'
import { createNatsTopicBus } from './topic-bus.ts'
import { createNatsWallDirectory } from './wall-directory.ts'
import type { LeaderElection, TopicSubscription, WallDirectory } from '../types.ts'

let nats: TestNatsServer
const open: BrokerConnection[] = []
const cleanups: (() => unknown)[] = []
let number = 0

beforeAll(async () => {
  nats = await startNatsServer()
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0))
    await Promise.resolve(cleanup()).catch(() => {})
  await Promise.all(open.splice(0).map(connection => connection.close()))
})
afterAll(async () => {
  await nats?.dispose()
})

async function hub(name: string): Promise<BrokerConnection> {
  const connection = await connectBroker({ servers: nats.url, name })
  open.push(connection)
  return connection
}

function entry(action: string, revision: number): AuditEntry {
  return { at: 1_795_660_200_000 + revision, action, detail: { page: 'overview' }, address: '10.0.0.7', revision, id: `c${revision}` }
}

describe('the audit stream', () => {
  it('numbers the entries of every hub and reads the newest back in order', async () => {
    const stream = `AUDIT_${++number}`
    const subjectPrefix = `audit${number}`
    const a = await createNatsAuditLog(await hub('a'), { stream, subjectPrefix })
    const b = await createNatsAuditLog(await hub('b'), { stream, subjectPrefix })
    expect(await a.read()).toEqual([])
    const seqs = [
      await a.append(entry('showPage', 1)),
      await b.append(entry('setBanner', 2)),
      await a.append(entry('drawRollCall', 3)),
    ]
    expect(seqs).toEqual([1, 2, 3])
    expect(await b.read()).toEqual([
      { seq: 1, entry: entry('showPage', 1) },
      { seq: 2, entry: entry('setBanner', 2) },
      { seq: 3, entry: entry('drawRollCall', 3) },
    ])
    expect((await a.read({ limit: 2 })).map(record => record.seq)).toEqual([2, 3])
  })
})

describe('the last-value topic bus', () => {
  it('gives a hub that joins late the last value of every topic at once, then the new ones', async () => {
    const options = { stream: `TOPICS_${++number}`, subjectPrefix: `topic${number}` }
    const publisher = await createNatsTopicBus(await hub('national'), options)
    for (let i = 1; i <= 3; i++) {
      await publisher.publish('national.kpi', { casesReceivedYtd: i })
      await publisher.publish('province.stats', { round: i })
    }
    await publisher.publish('rollcall.courts', { drawn: 12 })

    const late = await createNatsTopicBus(await hub('late'), options)
    expect(await late.lastValues()).toEqual(new Map<string, unknown>([
      ['national.kpi', { casesReceivedYtd: 3 }],
      ['province.stats', { round: 3 }],
      ['rollcall.courts', { drawn: 12 }],
    ]))

    const received: [string, unknown][] = []
    const subscription: TopicSubscription = await late.subscribe((topic, payload) => received.push([topic, payload]))
    cleanups.push(subscription.stop)
    await subscription.ready
    expect(received).toHaveLength(3)
    await publisher.publish('national.kpi', { casesReceivedYtd: 4 })
    await vi.waitFor(() => expect(received.at(-1)).toEqual(['national.kpi', { casesReceivedYtd: 4 }]))
  })

  it('is ready at once on an empty stream, and refuses a topic that cannot be a subject', async () => {
    const bus = await createNatsTopicBus(await hub('a'), { stream: `TOPICS_${++number}`, subjectPrefix: `topic${number}` })
    expect(await bus.lastValues()).toEqual(new Map())
    await expect(bus.publish('national kpi', {})).rejects.toThrow('cannot be a NATS subject')
    await expect(bus.publish('national.>', {})).rejects.toThrow('cannot be a NATS subject')
  })
})

describe('the wall directory', () => {
  const wall = (id: string, connectedAt: number) => ({
    id,
    remoteAddress: '10.1.2.3',
    connectedAt,
    lastSeenAt: connectedAt,
    status: null,
  })

  it('lists the walls of every hub on every hub, and forgets those of a hub that has gone', async () => {
    const options = { bucket: `WALLS_${++number}`, ttlMs: 1500, refreshMs: 400 }
    const goneHub = await hub('court-a')
    const a = await createNatsWallDirectory(goneHub, { ...options, hubId: 'court-a' })
    const b: WallDirectory = await createNatsWallDirectory(await hub('court-b'), { ...options, hubId: 'court-b' })
    cleanups.push(() => b.close())
    await a.report([wall('wall-1', 1), wall('wall-2', 2)])
    await b.report([wall('wall-1', 3)])
    const expected = [['court-a', 'wall-1'], ['court-a', 'wall-2'], ['court-b', 'wall-1']]
    await vi.waitFor(() => expect(b.list().map(w => [w.hubId, w.id])).toEqual(expected))
    await vi.waitFor(() => expect(a.list().map(w => [w.hubId, w.id])).toEqual(expected))

    // A wall leaves hub A: gone from B's list at once.
    await a.report([wall('wall-2', 2)])
    await vi.waitFor(() => expect(b.list().map(w => [w.hubId, w.id])).toEqual([['court-a', 'wall-2'], ['court-b', 'wall-1']]))

    // Hub A dies without a word: its walls drop out after the TTL; B's own stay, refreshed.
    await goneHub.nc.close()
    await vi.waitFor(() => expect(b.list().map(w => [w.hubId, w.id])).toEqual([['court-b', 'wall-1']]), { timeout: 4000, interval: 100 })
    await new Promise(resolve => setTimeout(resolve, 1600))
    expect(b.list().map(w => [w.hubId, w.id])).toEqual([['court-b', 'wall-1']])
  })

  it('removes a hub\'s walls at once when it closes in good order', async () => {
    const options = { bucket: `WALLS_${++number}`, ttlMs: 10_000 }
    const a = await createNatsWallDirectory(await hub('a'), { ...options, hubId: 'a' })
    const b = await createNatsWallDirectory(await hub('b'), { ...options, hubId: 'b' })
    cleanups.push(() => b.close())
    await a.report([wall('wall-1', 1)])
    await vi.waitFor(() => expect(b.list()).toHaveLength(1))
    await a.close()
    await vi.waitFor(() => expect(b.list()).toHaveLength(0))
  })
})

describe('the playlist-clock leader', () => {
  it('has one leader, and hands over when the leader\'s connection closes', async () => {
    const options = { role: 'playlist-clock', bucket: `LEADER_${++number}`, leaseMs: 1200, renewMs: 300 }
    const connections = [await hub('hub-1'), await hub('hub-2'), await hub('hub-3')]
    const elections: LeaderElection[] = []
    for (const [i, connection] of connections.entries()) {
      const election = await createNatsLeaderElection(connection, { ...options, candidateId: `hub-${i + 1}` })
      cleanups.push(() => election.resign())
      elections.push(election)
    }
    expect(elections.map(e => e.isLeader)).toEqual([true, false, false])
    expect(await elections[2]!.leader()).toBe('hub-1')
    // Still one leader after several renewals.
    await new Promise(resolve => setTimeout(resolve, 1000))
    expect(elections.map(e => e.isLeader)).toEqual([true, false, false])

    const handedOver: boolean[] = []
    elections[1]!.onChange(leader => handedOver.push(leader))
    await connections[0]!.nc.close()
    expect(elections[0]!.isLeader).toBe(false)
    await vi.waitFor(() => expect(elections.filter(e => e.isLeader)).toHaveLength(1), { timeout: 4000, interval: 50 })
    const next = elections.findIndex(e => e.isLeader)
    expect(await elections[next]!.leader()).toBe(`hub-${next + 1}`)
    if (next === 1)
      expect(handedOver).toEqual([true])
  })

  it('takes its own lease back after a blip in its connection, without waiting for the lease to run out', async () => {
    const options = { role: 'playlist-clock', bucket: `LEADER_${++number}`, leaseMs: 30_000, renewMs: 200 }
    const connection = await hub('a')
    const first = await createNatsLeaderElection(connection, { ...options, candidateId: 'a' })
    const second = await createNatsLeaderElection(await hub('b'), { ...options, candidateId: 'b' })
    cleanups.push(() => first.resign(), () => second.resign())
    const changes: boolean[] = []
    first.onChange(leader => changes.push(leader))
    await connection.nc.reconnect()
    await vi.waitFor(() => expect(changes).toEqual([false, true]), { timeout: 3000, interval: 50 })
    expect(second.isLeader).toBe(false)
    expect(await second.leader()).toBe('a')
  })

  it('passes the role on at once when the leader resigns', async () => {
    const options = { role: 'playlist-clock', bucket: `LEADER_${++number}`, leaseMs: 30_000, renewMs: 200 }
    const first = await createNatsLeaderElection(await hub('a'), { ...options, candidateId: 'a' })
    const second = await createNatsLeaderElection(await hub('b'), { ...options, candidateId: 'b' })
    cleanups.push(() => second.resign())
    expect([first.isLeader, second.isLeader]).toEqual([true, false])
    await first.resign()
    // Far sooner than the 30 s lease: the key was deleted, not left to expire.
    await vi.waitFor(() => expect(second.isLeader).toBe(true), { timeout: 2000, interval: 50 })
    expect(first.isLeader).toBe(false)
  })
})
