/**
 * The broker on NATS JetStream: one connection per hub and the five shared pieces on top of it.
 * `connectNatsBroker({ servers: NATS_URL, hubId })` is all a hub calls.
 */
import { PLAYLIST_CLOCK_ROLE } from '../config.ts'
import type { AuditLog, BrokerAvailability, LeaderElection, TopicBus, WallDirectory, WallStateStore } from '../types.ts'
import { createNatsAuditLog } from './audit-log.ts'
import { connectBroker, type BrokerConnectOptions, type BrokerConnection } from './connection.ts'
import { createNatsLeaderElection } from './leader.ts'
import { createNatsWallStateStore } from './state-store.ts'
import { createNatsTopicBus } from './topic-bus.ts'
import { createNatsWallDirectory } from './wall-directory.ts'

export { connectBroker, isTransportError, isWrongLastSequence, type BrokerConnectOptions, type BrokerConnection } from './connection.ts'
export { createNatsAuditLog, type NatsAuditLogOptions } from './audit-log.ts'
export { createNatsLeaderElection, type NatsLeaderElectionOptions } from './leader.ts'
export { createNatsWallStateStore, type NatsWallStateStoreOptions } from './state-store.ts'
export { createNatsTopicBus, topicSubject, type NatsTopicBusOptions } from './topic-bus.ts'
export { createNatsWallDirectory, type NatsWallDirectoryOptions } from './wall-directory.ts'

/** Everything a hub shares through NATS. */
export interface NatsBroker extends BrokerAvailability {
  readonly hubId: string
  wallState: WallStateStore
  audit: AuditLog
  topics: TopicBus
  walls: WallDirectory
  /** who runs the playlist clock */
  playlistClock: LeaderElection
  /** Resign, remove this hub's walls, close the connection. */
  close: () => Promise<void>
}

export interface NatsBrokerOptions extends Omit<BrokerConnectOptions, 'name'> {
  /** unique in the deployment (host name and port, say): names the connection, the walls, the leader */
  hubId: string
  /** default LEADER_LEASE_MS (tests use less) */
  leaderLeaseMs?: number
  /** default WALL_DIRECTORY_TTL_MS (tests use less) */
  wallTtlMs?: number
}

/** Connect and open every shared piece; rejects with BrokerUnavailableError when NATS is not there. */
export async function connectNatsBroker(options: NatsBrokerOptions): Promise<NatsBroker> {
  const connection: BrokerConnection = await connectBroker({ ...options, name: options.hubId })
  try {
    const [wallState, audit, topics, walls, playlistClock] = await Promise.all([
      createNatsWallStateStore(connection),
      createNatsAuditLog(connection),
      createNatsTopicBus(connection),
      createNatsWallDirectory(connection, {
        hubId: options.hubId,
        ...(options.wallTtlMs === undefined ? {} : { ttlMs: options.wallTtlMs, refreshMs: options.wallTtlMs / 3 }),
      }),
      createNatsLeaderElection(connection, {
        role: PLAYLIST_CLOCK_ROLE,
        candidateId: options.hubId,
        ...(options.leaderLeaseMs === undefined ? {} : { leaseMs: options.leaderLeaseMs, renewMs: options.leaderLeaseMs / 3 }),
      }),
    ])
    return {
      hubId: options.hubId,
      wallState,
      audit,
      topics,
      walls,
      playlistClock,
      get available() {
        return connection.available
      },
      onAvailabilityChange: connection.onAvailabilityChange,
      async close() {
        await Promise.allSettled([playlistClock.resign(), walls.close()])
        await connection.close()
      },
    }
  }
  catch (error) {
    await connection.close()
    throw error
  }
}
