/**
 * The broker interfaces in one process's memory: what a single hub needs when there is no NATS, and
 * the reference the NATS implementations are tested against (contract.test.ts runs the same
 * checks on both). Persistence across restarts stays with server/control/persist.ts.
 */
import * as v from 'valibot'
import { wallStateSchema } from '#protocol'
import { AUDIT_READ_DEFAULT_LIMIT, AUDIT_READ_MAX_LIMIT } from './config.ts'
import { createWatchedFlag } from './flag.ts'
import type {
  AuditLog,
  AuditRecord,
  DirectoryWall,
  LeaderElection,
  TopicBus,
  VersionedWallState,
  WallDirectory,
  WallStateStore,
} from './types.ts'

export function createMemoryWallStateStore(): WallStateStore {
  let current: VersionedWallState | null = null
  let lastRevision = 0
  const listeners = new Set<(current: VersionedWallState) => void>()
  return {
    load: async () => current,
    async compareAndSet(next, expectRevision) {
      const state = v.parse(wallStateSchema, next)
      if ((current?.revision ?? 0) !== expectRevision) {
        return {
          ok: false,
          code: 'staleRevision',
          message: current ? `the wall state changed meanwhile: it is at revision ${current.state.revision}` : 'the wall state changed meanwhile: it was removed',
          current,
        }
      }
      const stored: VersionedWallState = { state, revision: ++lastRevision }
      current = stored
      for (const listener of listeners)
        listener(stored)
      return { ok: true, revision: stored.revision }
    },
    async watch(listener) {
      listeners.add(listener)
      if (current)
        listener(current)
      return () => listeners.delete(listener)
    },
  }
}

export function createMemoryAuditLog(): AuditLog {
  const records: AuditRecord[] = []
  return {
    async append(entry) {
      const seq = records.length + 1
      records.push({ seq, entry: structuredClone(entry) })
      return seq
    },
    async read(options = {}) {
      const limit = Math.min(Math.max(0, Math.floor(options.limit ?? AUDIT_READ_DEFAULT_LIMIT)), AUDIT_READ_MAX_LIMIT)
      return limit === 0 ? [] : records.slice(-limit).map(record => structuredClone(record))
    },
  }
}

export function createMemoryTopicBus(): TopicBus {
  const last = new Map<string, unknown>()
  const listeners = new Set<(topic: string, payload: unknown) => void>()
  return {
    async publish(topic, payload) {
      // Stored as the broker stores it: a copy, as JSON.
      const copy: unknown = JSON.parse(JSON.stringify(payload))
      last.set(topic, copy)
      for (const listener of listeners)
        listener(topic, copy)
    },
    async subscribe(listener) {
      for (const [topic, payload] of last)
        listener(topic, payload)
      listeners.add(listener)
      return { ready: Promise.resolve(), stop: () => listeners.delete(listener) }
    },
    lastValues: async () => new Map(last),
  }
}

/** One hub's walls; there are no other hubs to list. */
export function createMemoryWallDirectory(hubId: string): WallDirectory {
  let walls: DirectoryWall[] = []
  return {
    async report(next) {
      walls = next.map(wall => ({ ...wall, hubId }))
    },
    list: () => [...walls].sort((a, b) => a.connectedAt - b.connectedAt || a.id.localeCompare(b.id)),
    async close() {
      walls = []
    },
  }
}

/** The only hub leads until it resigns. */
export function createMemoryLeaderElection(candidateId: string): LeaderElection {
  const leading = createWatchedFlag(true)
  return {
    get isLeader() {
      return leading.value
    },
    onChange: leading.onChange,
    leader: async () => (leading.value ? candidateId : null),
    async resign() {
      leading.set(false)
    },
  }
}
