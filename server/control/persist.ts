/**
 * Node-only: the wall state and the control audit log on disk, under the server's data directory.
 *
 * A command is saved before it is broadcast or acknowledged. The control endpoint uses the asynchronous
 * forms (saveWallStateAsync, appendAuditAsync) from its one-at-a-time queue, so a slow disk never holds
 * up the walls' event loop; the synchronous forms serve start-up and tools.
 *
 * - wall-state.json: the WallState, replaced atomically (write a temp file, fsync, rename, fsync the
 *   directory), so a kill at any moment leaves the old state or the new one, never half of one.
 * - control-audit.jsonl: one JSON line per accepted command, appended and fsynced. A line cut short by
 *   a crash is ended by the next append and skipped when reading.
 */
import { open as openAsync, mkdir as mkdirAsync, rename as renameAsync, stat as statAsync } from 'node:fs/promises'
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import * as v from 'valibot'
import { describeIssues, wallStateSchema, type WallState } from '#protocol'
import { createDefaultWallState, DEFAULT_PAGE_ID } from '#control'
import { DEFAULT_LIMITS } from '../limits.ts'

export const WALL_STATE_FILE = 'wall-state.json'
export const AUDIT_FILE = 'control-audit.jsonl'

/** Where warnings about the files go (the server's logger). */
export interface PersistLog {
  warn: (message: string, fields?: Record<string, unknown>) => void
}

/** One accepted command, as the audit log keeps it. */
export interface AuditEntry {
  /** epoch ms when it was accepted */
  at: number
  /** the command kind: showPage, setBanner, … */
  action: string
  /** the command's fields (page, unitId, items, text …) */
  detail: unknown
  /** remote address of the control connection */
  address: string
  /** wall-state revision after the command */
  revision: number
  /** the command id the client chose */
  id?: string
}

/** An audit entry as read back, from a file or the broker's stream. */
export const auditEntrySchema = v.object({
  at: v.number(),
  action: v.string(),
  detail: v.unknown(),
  address: v.string(),
  revision: v.number(),
  id: v.optional(v.string()),
})

let tmpCounter = 0

function fsyncDirectory(dir: string): void {
  // Makes the rename itself durable; not possible on every platform, and not worth failing over.
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    }
    finally {
      closeSync(fd)
    }
  }
  catch {}
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'w', 0o600)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  }
  finally {
    closeSync(fd)
  }
}

/** Save the wall state atomically; throws when the disk refuses (the command is then refused too). */
export function saveWallState(dataDir: string, state: WallState): void {
  mkdirSync(dataDir, { recursive: true })
  const target = join(dataDir, WALL_STATE_FILE)
  const tmp = `${target}.tmp-${process.pid}-${++tmpCounter}`
  writeDurably(tmp, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(tmp, target)
  fsyncDirectory(dataDir)
}

export interface LoadOptions {
  /** epoch ms for a default state; default Date.now() */
  now?: number
  /** page of a default state */
  defaultPage?: string
  log?: PersistLog
}

/**
 * The saved wall state, or a default one when there is none yet. A file that is not valid JSON or
 * not a valid WallState is moved aside as `wall-state.json.corrupt-<ms>` (kept for a person to read)
 * and a warning is logged; the wall then starts from the default state rather than not at all.
 */
export function loadWallState(dataDir: string, options: LoadOptions = {}): WallState {
  const now = options.now ?? Date.now()
  const fallback = (): WallState => createDefaultWallState(now, options.defaultPage ?? DEFAULT_PAGE_ID)
  const path = join(dataDir, WALL_STATE_FILE)
  if (!existsSync(path))
    return fallback()
  let problem: string
  try {
    const raw: unknown = JSON.parse(readFileSync(path, 'utf8'))
    const result = v.safeParse(wallStateSchema, raw)
    if (result.success)
      return result.output
    problem = describeIssues(result.issues)
    const repaired = repairFieldByField(raw, fallback())
    if (repaired) {
      options.log?.warn('saved wall state repaired field by field', { file: path, reset: repaired.reset.join(','), problem })
      return repaired.state
    }
  }
  catch (error) {
    problem = error instanceof Error ? error.message : String(error)
  }
  const aside = `${path}.corrupt-${now}`
  try {
    renameSync(path, aside)
  }
  catch {}
  options.log?.warn('saved wall state unreadable; starting from the default state', { file: path, keptAs: aside, problem })
  return fallback()
}

/**
 * Keep every field of a saved state that is valid on its own (an unknown unit id costs the focus,
 * not the playlist and the banner); the others take their default. Null when the result is still
 * not a valid state, or the file is not an object at all.
 */
function repairFieldByField(raw: unknown, defaults: WallState): { state: WallState, reset: string[] } | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return null
  const saved = raw as Record<string, unknown>
  const merged: Record<string, unknown> = { ...defaults }
  const reset: string[] = []
  for (const [key, schema] of Object.entries(wallStateSchema.entries)) {
    if (!(key in saved))
      continue
    const field = v.safeParse(schema, saved[key])
    if (field.success)
      merged[key] = field.output
    else
      reset.push(key)
  }
  const result = v.safeParse(wallStateSchema, merged)
  return result.success ? { state: result.output, reset } : null
}

/**
 * Append one entry to the audit log, durably; throws when the disk refuses. A line left unfinished by a
 * crash is ended first, so it costs only itself and not the entry written after it.
 */
export function appendAudit(dataDir: string, entry: AuditEntry, rotation: AuditRotation = DEFAULT_LIMITS): void {
  mkdirSync(dataDir, { recursive: true })
  const path = join(dataDir, AUDIT_FILE)
  rotateIfFull(path, rotation)
  const fd = openSync(path, 'a+', 0o600)
  try {
    const size = fstatSync(fd).size
    let torn = false
    if (size > 0) {
      const last = Buffer.alloc(1)
      readSync(fd, last, 0, 1, size - 1)
      torn = last[0] !== 0x0A
    }
    writeSync(fd, `${torn ? '\n' : ''}${JSON.stringify(entry)}\n`)
    fsyncSync(fd)
  }
  finally {
    closeSync(fd)
  }
}

/** When the audit log is rotated (limits.ts auditMaxBytes, auditKeepFiles). */
export interface AuditRotation {
  auditMaxBytes: number
  auditKeepFiles: number
}

/**
 * Past auditMaxBytes the live file becomes control-audit.jsonl.1, .1 becomes .2 …, and the oldest
 * beyond auditKeepFiles is dropped: the audit log's disk use is bounded, its recent past kept.
 */
function rotateIfFull(path: string, rotation: AuditRotation): void {
  let size: number
  try {
    size = statSync(path).size
  }
  catch {
    return
  }
  if (size < rotation.auditMaxBytes)
    return
  for (let n = rotation.auditKeepFiles; n >= 1; n--) {
    const from = n === 1 ? path : `${path}.${n - 1}`
    if (existsSync(from))
      renameSync(from, `${path}.${n}`)
  }
}

const TAIL_CHUNK = 64 * 1024

/** The last `limit` audit entries, oldest first. Reads the file from its end, so a long log costs nothing extra. */
export function readAudit(dataDir: string, limit = 100): AuditEntry[] {
  const path = join(dataDir, AUDIT_FILE)
  if (limit <= 0 || !existsSync(path))
    return []
  const size = statSync(path).size
  const fd = openSync(path, 'r')
  let text = ''
  let startedMidFile = false
  try {
    let position = size
    const buffers: Buffer[] = []
    let newlines = 0
    while (position > 0 && newlines <= limit) {
      const length = Math.min(TAIL_CHUNK, position)
      position -= length
      const buffer = Buffer.alloc(length)
      readSync(fd, buffer, 0, length, position)
      buffers.unshift(buffer)
      for (const byte of buffer) {
        if (byte === 0x0A)
          newlines++
      }
    }
    text = Buffer.concat(buffers).toString('utf8')
    startedMidFile = position > 0
  }
  finally {
    closeSync(fd)
  }
  const lines = text.split('\n')
  if (startedMidFile)
    lines.shift()
  const entries: AuditEntry[] = []
  for (const line of lines) {
    if (line.trim() === '')
      continue
    try {
      const result = v.safeParse(auditEntrySchema, JSON.parse(line))
      if (result.success)
        entries.push(result.output as AuditEntry)
    }
    catch {
      // a line cut short by a crash: skipped
    }
  }
  return entries.slice(-limit)
}

/**
 * saveWallState without blocking the event loop: the same temp file, fsync, rename and directory
 * fsync, awaited. Resolves once the state is durable; rejects when the disk refuses.
 */
export async function saveWallStateAsync(dataDir: string, state: WallState): Promise<void> {
  await mkdirAsync(dataDir, { recursive: true })
  const target = join(dataDir, WALL_STATE_FILE)
  const tmp = `${target}.tmp-${process.pid}-${++tmpCounter}`
  const file = await openAsync(tmp, 'w', 0o600)
  try {
    await file.writeFile(`${JSON.stringify(state, null, 2)}\n`)
    await file.sync()
  }
  finally {
    await file.close()
  }
  await renameAsync(tmp, target)
  try {
    const dir = await openAsync(dataDir, 'r')
    try {
      await dir.sync()
    }
    finally {
      await dir.close()
    }
  }
  catch {}
}

/** appendAudit without blocking the event loop (rotation, torn-line repair and fsync included). */
export async function appendAuditAsync(dataDir: string, entry: AuditEntry, rotation: AuditRotation = DEFAULT_LIMITS): Promise<void> {
  await mkdirAsync(dataDir, { recursive: true })
  const path = join(dataDir, AUDIT_FILE)
  const size = await statAsync(path).then(stats => stats.size, () => 0)
  if (size >= rotation.auditMaxBytes) {
    for (let n = rotation.auditKeepFiles; n >= 1; n--) {
      const from = n === 1 ? path : `${path}.${n - 1}`
      await renameAsync(from, `${path}.${n}`).catch(() => {})
    }
  }
  const file = await openAsync(path, 'a+', 0o600)
  try {
    const { size: now } = await file.stat()
    let torn = false
    if (now > 0) {
      const last = Buffer.alloc(1)
      await file.read(last, 0, 1, now - 1)
      torn = last[0] !== 0x0A
    }
    await file.write(`${torn ? '\n' : ''}${JSON.stringify(entry)}\n`)
    await file.sync()
  }
  finally {
    await file.close()
  }
}
