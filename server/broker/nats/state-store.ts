/**
 * The wall state in a JetStream KV bucket: one key, its revision the compare-and-set token
 * (`kv.update(key, value, revision)`), so of two hubs writing from the same revision exactly one
 * wins and the other is told the state changed meanwhile.
 */
import type { KV, KvEntry } from '@nats-io/kv'
import * as v from 'valibot'
import { describeIssues, wallStateSchema, type WallState } from '#protocol'
import { WALL_STATE_BUCKET, WALL_STATE_HISTORY, WALL_STATE_KEY } from '../config.ts'
import type { CompareAndSetResult, VersionedWallState, WallStateStore } from '../types.ts'
import { isWrongLastSequence, type BrokerConnection } from './connection.ts'

export interface NatsWallStateStoreOptions {
  /** default WALL_STATE_BUCKET */
  bucket?: string
  /** default WALL_STATE_KEY */
  key?: string
}

function decode(entry: KvEntry | null): VersionedWallState | null {
  if (!entry || entry.operation !== 'PUT')
    return null
  let json: unknown
  try {
    json = entry.json()
  }
  catch (error) {
    throw new Error(`the wall state in the broker is not JSON (revision ${entry.revision}): ${(error as Error).message}`)
  }
  const parsed = v.safeParse(wallStateSchema, json)
  if (!parsed.success)
    throw new Error(`the wall state in the broker is not valid (revision ${entry.revision}): ${describeIssues(parsed.issues)}`)
  return { state: parsed.output, revision: entry.revision }
}

/** The NATS WallStateStore; creates its bucket when missing. */
export async function createNatsWallStateStore(connection: BrokerConnection, options: NatsWallStateStoreOptions = {}): Promise<WallStateStore> {
  const key = options.key ?? WALL_STATE_KEY
  const bucket = options.bucket ?? WALL_STATE_BUCKET
  const kv: KV = await connection.openBucket(bucket, { history: WALL_STATE_HISTORY })

  const load = () => connection.run('load the wall state', async () => decode(await kv.get(key)))

  return {
    load,
    async compareAndSet(next: WallState, expectRevision: number): Promise<CompareAndSetResult> {
      // Validated before it is shared: a bad state in the bucket would reach every hub.
      const value = JSON.stringify(v.parse(wallStateSchema, next))
      try {
        const revision = await connection.run('wall state compare-and-set', () => expectRevision === 0
          ? kv.create(key, value)
          : kv.update(key, value, expectRevision))
        return { ok: true, revision }
      }
      catch (error) {
        if (!isWrongLastSequence(error))
          throw error
      }
      const current = await load()
      return {
        ok: false,
        code: 'staleRevision',
        message: current
          ? `the wall state changed meanwhile: it is at revision ${current.state.revision}`
          : 'the wall state changed meanwhile: it was removed',
        current,
      }
    },
    async watch(listener) {
      const watcher = await connection.run('watch the wall state', () => kv.watch({ key }))
      void (async () => {
        for await (const entry of watcher) {
          let current: VersionedWallState | null
          try {
            current = decode(entry)
          }
          catch {
            // An invalid value written by something else is not a state: ignored, as load() refuses it.
            continue
          }
          try {
            if (current)
              listener(current)
          }
          catch {
            // The listener's own failure must not stop the watch for every later change.
          }
        }
      })()
      return () => watcher.stop()
    },
  }
}
