/**
 * Leader election on a KV bucket whose entries expire (the lease): the leader holds the key and
 * renews it with a revision-guarded update; others try to create it, which succeeds only once it
 * is gone (expired, or deleted by a leader that resigned). The leader steps down as soon as a
 * renewal fails or its lease has run out unrenewed, so two hubs never both believe they lead for
 * longer than one slow request.
 */
import type { KV } from '@nats-io/kv'
import { LEADER_BUCKET, LEADER_LEASE_MS, LEADER_RENEW_MS } from '../config.ts'
import { createWatchedFlag } from '../flag.ts'
import type { LeaderElection } from '../types.ts'
import { isWrongLastSequence, type BrokerConnection } from './connection.ts'
import { keyToken } from './wall-directory.ts'

export interface NatsLeaderElectionOptions {
  /** what is led, e.g. PLAYLIST_CLOCK_ROLE */
  role: string
  /** this hub's id, unique in the deployment */
  candidateId: string
  /** default LEADER_BUCKET */
  bucket?: string
  /** default LEADER_LEASE_MS; fixed when the bucket is created */
  leaseMs?: number
  /** default LEADER_RENEW_MS */
  renewMs?: number
  /** default Date.now */
  now?: () => number
}

/** Join the election for `role` and campaign until resign(). */
export async function createNatsLeaderElection(connection: BrokerConnection, options: NatsLeaderElectionOptions): Promise<LeaderElection> {
  const leaseMs = options.leaseMs ?? LEADER_LEASE_MS
  const renewMs = options.renewMs ?? LEADER_RENEW_MS
  const now = options.now ?? Date.now
  const key = keyToken(options.role)
  const kv: KV = await connection.openBucket(options.bucket ?? LEADER_BUCKET, { history: 1, ttl: leaseMs })

  const leading = createWatchedFlag(false)
  /** our entry's revision while leading */
  let revision = 0
  let renewedAt = 0
  let stopped = false
  let busy = false

  async function campaign(): Promise<void> {
    if (busy || stopped)
      return
    busy = true
    const startedAt = now()
    try {
      if (revision > 0) {
        // Renew, or take back our own lease after a blip: refused if another hub claimed it meanwhile.
        try {
          revision = await connection.run('renew the lease', () => kv.update(key, options.candidateId, revision))
        }
        catch (error) {
          if (!isWrongLastSequence(error))
            throw error
          revision = 0
        }
      }
      if (revision === 0)
        revision = await connection.run('claim the lease', () => kv.create(key, options.candidateId))
      // A renewal that took longer than the lease may have let another hub in meanwhile.
      renewedAt = startedAt
      leading.set(!stopped)
    }
    catch {
      // Another holder (wrong last sequence) or no broker: either way this hub does not lead now.
      // `revision` is kept while it may still be ours, so the lease can be taken back after a blip.
      leading.set(false)
    }
    finally {
      busy = false
    }
  }

  // Without the broker no renewal can succeed, and another hub may claim the role once the lease
  // runs out: step down at once rather than at the next renewal.
  const unwatch = connection.onAvailabilityChange((available) => {
    if (!available)
      leading.set(false)
  })
  const timer = setInterval(() => {
    if (leading.value && now() - renewedAt >= leaseMs)
      leading.set(false)
    void campaign()
  }, renewMs)
  timer.unref()
  await campaign()

  return {
    get isLeader() {
      return leading.value
    },
    onChange: leading.onChange,
    async leader() {
      const entry = await connection.run('read the leader', () => kv.get(key))
      return entry && entry.operation === 'PUT' ? entry.string() : null
    },
    async resign() {
      stopped = true
      clearInterval(timer)
      unwatch()
      const held = leading.value ? revision : 0
      leading.set(false)
      if (held > 0)
        await connection.run('resign the lease', () => kv.delete(key, { previousSeq: held }))
    },
  }
}
