/**
 * The walls of every hub in a KV bucket whose entries expire (the bucket's TTL): each hub puts its
 * walls under <hub>.<wall> and re-puts them every refresh period, so the walls of a hub that has
 * gone drop out by themselves. Each hub watches the bucket and keeps the list in memory, because
 * the control terminal asks for it every two seconds.
 */
import type { KV, KvWatchEntry } from '@nats-io/kv'
import * as v from 'valibot'
import { wallStatusSchema } from '#protocol'
import { WALL_DIRECTORY_BUCKET, WALL_DIRECTORY_REFRESH_MS, WALL_DIRECTORY_TTL_MS } from '../config.ts'
import type { DirectoryWall, WallDirectory } from '../types.ts'
import type { BrokerConnection } from './connection.ts'

export interface NatsWallDirectoryOptions {
  /** this hub's id: unique in the deployment, e.g. the host name and port */
  hubId: string
  /** default WALL_DIRECTORY_BUCKET */
  bucket?: string
  /** default WALL_DIRECTORY_TTL_MS; fixed when the bucket is created */
  ttlMs?: number
  /** default WALL_DIRECTORY_REFRESH_MS */
  refreshMs?: number
  /** default Date.now */
  now?: () => number
  /** where a failed refresh is reported; default nowhere (the next one retries) */
  onError?: (error: unknown) => void
}

const directoryWallSchema = v.strictObject({
  hubId: v.string(),
  id: v.string(),
  remoteAddress: v.nullable(v.string()),
  connectedAt: v.number(),
  lastSeenAt: v.number(),
  status: v.nullable(wallStatusSchema),
})

/** A KV key token (letters, digits, - and _) from any id. */
export function keyToken(id: string): string {
  const token = id.replace(/[^\w-]/g, '_')
  return token === '' ? '_' : token
}

/** The NATS WallDirectory; creates its bucket when missing and starts refreshing. */
export async function createNatsWallDirectory(connection: BrokerConnection, options: NatsWallDirectoryOptions): Promise<WallDirectory> {
  const ttlMs = options.ttlMs ?? WALL_DIRECTORY_TTL_MS
  const now = options.now ?? Date.now
  const hubKey = keyToken(options.hubId)
  const kv: KV = await connection.openBucket(options.bucket ?? WALL_DIRECTORY_BUCKET, { history: 1, ttl: ttlMs })

  /** every hub's walls, by key, with when the broker last had them refreshed */
  const known = new Map<string, { wall: DirectoryWall, refreshedAt: number }>()
  /** this hub's last report, by key, as put */
  let mine = new Map<string, string>()

  function remember(entry: KvWatchEntry): void {
    if (entry.operation !== 'PUT') {
      known.delete(entry.key)
      return
    }
    try {
      const parsed = v.safeParse(directoryWallSchema, entry.json())
      if (parsed.success)
        known.set(entry.key, { wall: parsed.output, refreshedAt: entry.created.getTime() })
    }
    catch {}
  }
  const watcher = await connection.run('watch the wall directory', () => kv.watch())
  void (async () => {
    for await (const entry of watcher)
      remember(entry)
  })()

  async function putAll(entries: Iterable<[string, string]>): Promise<void> {
    await connection.run('report walls', () => Promise.all([...entries].map(([key, value]) => kv.put(key, value))))
  }

  const refresh = setInterval(() => {
    putAll(mine).catch(error => options.onError?.(error))
  }, options.refreshMs ?? WALL_DIRECTORY_REFRESH_MS)
  refresh.unref()

  return {
    async report(walls) {
      const next = new Map<string, string>()
      for (const wall of walls)
        next.set(`${hubKey}.${keyToken(wall.id)}`, JSON.stringify({ ...wall, hubId: options.hubId }))
      const gone = [...mine.keys()].filter(key => !next.has(key))
      const changed = [...next].filter(([key, value]) => mine.get(key) !== value)
      mine = next
      await putAll(changed)
      await connection.run('remove walls', () => Promise.all(gone.map(key => kv.delete(key))))
    },
    list() {
      // The bucket forgets expired walls without telling its watchers: the same age rule applies here.
      const oldest = now() - ttlMs
      const walls: DirectoryWall[] = []
      for (const [key, { wall, refreshedAt }] of known) {
        if (refreshedAt < oldest)
          known.delete(key)
        else
          walls.push(wall)
      }
      return walls.sort((a, b) => a.hubId.localeCompare(b.hubId) || a.connectedAt - b.connectedAt || a.id.localeCompare(b.id))
    },
    async close() {
      clearInterval(refresh)
      const keys = [...mine.keys()]
      mine = new Map()
      try {
        await connection.run('remove walls', () => Promise.all(keys.map(key => kv.delete(key))))
      }
      finally {
        // Our own walls are gone by our own hand: the watcher, stopped now, need not tell us.
        for (const key of keys)
          known.delete(key)
        watcher.stop()
      }
    },
  }
}
