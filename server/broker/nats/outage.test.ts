// The broker goes away and comes back on the same port: every operation fails at once with the
// typed error meanwhile, and everything works again afterwards without a new connection.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { applyCommand, createDefaultWallState } from '#control'
import { PAGE_IDS, UNIT_IDS } from '#protocol'
import { applyToStore } from '../commit.ts'
import { startNatsServer, type TestNatsServer } from '../testing.ts'
import { BrokerUnavailableError, isBrokerUnavailable, type VersionedWallState } from '../types.ts'
import { connectBroker } from './connection.ts'
import { connectNatsBroker, type NatsBroker } from './index.ts'

const T0 = Date.UTC(2026, 11, 2, 8, 0, 0)
let nats: TestNatsServer

beforeAll(async () => {
  nats = await startNatsServer()
})
afterAll(async () => {
  await nats?.dispose()
})

describe('losing the broker', () => {
  it('refuses to connect with the typed error when no broker answers', async () => {
    const error = await connectBroker({ servers: 'nats://127.0.0.1:1' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BrokerUnavailableError)
    expect((error as Error).message).toMatch(/^broker unavailable: connect to nats:\/\/127\.0\.0\.1:1 failed/)
  })

  it('says so when the broker runs without JetStream', async () => {
    const plain = await startNatsServer({ jetstream: false })
    try {
      await expect(connectBroker({ servers: plain.url })).rejects.toThrow(`JetStream is not enabled on ${plain.url}: start nats-server with -js`)
    }
    finally {
      await plain.dispose()
    }
  })

  it('fails every operation at once while NATS is down, and recovers by itself when it returns', async () => {
    const hubs: NatsBroker[] = [
      await connectNatsBroker({ servers: nats.url, hubId: 'hub-a', leaderLeaseMs: 1500 }),
      await connectNatsBroker({ servers: nats.url, hubId: 'hub-b', leaderLeaseMs: 1500 }),
    ]
    const [a, b] = hubs as [NatsBroker, NatsBroker]
    try {
      const start = createDefaultWallState(T0)
      expect(await a.wallState.compareAndSet(start, 0)).toMatchObject({ ok: true })
      await a.audit.append({ at: T0, action: 'showPage', detail: {}, address: '10.0.0.1', revision: 1 })
      await a.topics.publish('national.kpi', { casesReceivedYtd: 1 })
      const seenByB: VersionedWallState[] = []
      const stopWatching = await b.wallState.watch(current => seenByB.push(current))
      const topicsOnB: unknown[] = []
      const subscription = await b.topics.subscribe((_, payload) => topicsOnB.push(payload))
      await subscription.ready
      await a.walls.report([{ id: 'wall-1', remoteAddress: null, connectedAt: T0, lastSeenAt: T0, status: null }])
      expect([a.playlistClock.isLeader, b.playlistClock.isLeader].filter(Boolean)).toHaveLength(1)

      const availability: boolean[] = []
      a.onAvailabilityChange(up => availability.push(up))
      await nats.stop()
      await vi.waitFor(() => expect(a.available).toBe(false))
      expect(a.playlistClock.isLeader || b.playlistClock.isLeader).toBe(false)

      const before = Date.now()
      const failures = await Promise.all([
        a.wallState.load(),
        a.wallState.compareAndSet({ ...start, banner: 'lost?', revision: 1 }, 1),
        a.audit.append({ at: T0, action: 'setBanner', detail: {}, address: '10.0.0.1', revision: 2 }),
        a.audit.read(),
        a.topics.publish('national.kpi', { casesReceivedYtd: 2 }),
        a.walls.report([]),
        applyToStore(a.wallState, state => applyCommand(state, { kind: 'setBlackout', on: true }, { pages: new Set(PAGE_IDS), units: new Set(UNIT_IDS), now: T0 }), { initial: () => start }),
      ].map(operation => operation.then(() => null, (error: unknown) => error)))
      // At once, not after a request timeout.
      expect(Date.now() - before).toBeLessThan(500)
      for (const failure of failures) {
        expect(isBrokerUnavailable(failure)).toBe(true)
        expect((failure as Error).message).toMatch(/^broker unavailable: /)
      }

      await nats.start()
      await vi.waitFor(() => expect(a.available && b.available).toBe(true), { timeout: 5000, interval: 50 })
      expect(availability).toEqual([false, true])

      // The state, the audit stream and the topics outlived the outage; nothing was half-written.
      const kept = (await b.wallState.load())!
      expect(kept.state).toEqual(start)
      expect((await b.audit.read()).map(record => record.entry.action)).toEqual(['showPage'])
      expect(await b.topics.lastValues()).toEqual(new Map([['national.kpi', { casesReceivedYtd: 1 }]]))

      // And the same connections carry on: a write on A reaches B's watch and B's topic subscription.
      expect(await a.wallState.compareAndSet({ ...start, banner: 'back', revision: 1 }, kept.revision)).toMatchObject({ ok: true })
      await vi.waitFor(() => expect(seenByB.at(-1)?.state.banner).toBe('back'), { timeout: 5000, interval: 50 })
      await a.topics.publish('national.kpi', { casesReceivedYtd: 3 })
      await vi.waitFor(() => expect(topicsOnB.at(-1)).toEqual({ casesReceivedYtd: 3 }), { timeout: 5000, interval: 50 })
      expect(await a.audit.append({ at: T0, action: 'setBanner', detail: {}, address: '10.0.0.1', revision: 2 })).toBe(2)
      await vi.waitFor(() => expect([a.playlistClock.isLeader, b.playlistClock.isLeader].filter(Boolean)).toHaveLength(1), { timeout: 15_000, interval: 100 })
      stopWatching()
      subscription.stop()
    }
    finally {
      await Promise.all(hubs.map(hub => hub.close().catch(() => {})))
    }
  }, 30_000)
})
