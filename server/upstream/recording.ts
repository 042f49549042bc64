/**
 * The recording format, shared by `npm run record` (server/record.ts) and the replay upstream:
 * JSON lines, gzip when the file name ends in `.gz`.
 *
 *   line 1   {"recording":1,"source":{"name":"…","simulated":true},"startedAt":<epoch ms>,"note":"…"}
 *   then     [<ms since startedAt>,"<topic>",<payload>]     one per topic payload, in time order
 *   or       [<ms since startedAt>,"<topic>"]               the topic's previous payload again, its
 *                                                           times moved on by the time between them
 *
 * The short form keeps a recording small: a hub re-sends slow topics (the battle plan, the credit
 * history) every few seconds unchanged but for their times, and gzip's 32 KiB window cannot
 * reach back to the previous copy of a 15 KiB payload across the others in between.
 *
 * Replaying moves every time in a payload by the same shift so the wall sees it as live:
 * `shiftTimes` finds the times through the protocol's own schemas (every field declared as
 * epoch ms), so a new time field needs no change here.
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import * as v from 'valibot'
import { epochMs, TOPIC_SCHEMAS, type Topic } from '#protocol'

export const RECORDING_VERSION = 1

export const recordingHeaderSchema = v.strictObject({
  recording: v.literal(RECORDING_VERSION),
  source: v.strictObject({ name: v.pipe(v.string(), v.maxLength(80)), simulated: v.boolean() }),
  startedAt: epochMs,
  /** how it was made, e.g. "generated: the simulator driven over 10:00–10:30 China time" */
  note: v.optional(v.pipe(v.string(), v.maxLength(500))),
})
export type RecordingHeader = v.InferOutput<typeof recordingHeaderSchema>

export interface RecordedEntry {
  /** ms after the header's startedAt */
  offsetMs: number
  topic: string
  payload: unknown
}

export interface Recording {
  header: RecordingHeader
  entries: RecordedEntry[]
}

export class RecordingError extends Error {
  override name = 'RecordingError'
}

export function headerLine(header: RecordingHeader): string {
  return JSON.stringify(v.parse(recordingHeaderSchema, header))
}

/**
 * Writes entry lines in order, in the short form when a payload is its topic's previous one with
 * only its times moved on. One writer per recording: it remembers each topic's last payload.
 */
export function createEntryWriter(): (entry: RecordedEntry) => string {
  const previous = new Map<string, string>()
  return (entry) => {
    const offsetMs = Math.round(entry.offsetMs)
    // Times as if recorded at offset 0: two payloads equal but for their times compare equal.
    const timeless = JSON.stringify(shiftTimes(entry.topic, entry.payload, -offsetMs))
    const repeat = previous.get(entry.topic) === timeless
    previous.set(entry.topic, timeless)
    return JSON.stringify(repeat ? [offsetMs, entry.topic] : [offsetMs, entry.topic, entry.payload])
  }
}

/** The whole file's bytes, gzipped when `gzip`. */
export function encodeRecording(recording: Recording, gzip: boolean): Buffer {
  const line = createEntryWriter()
  const text = `${[headerLine(recording.header), ...recording.entries.map(line)].join('\n')}\n`
  return gzip ? gzipSync(text) : Buffer.from(text)
}

/** Parse a recording; gzip is recognised by its magic bytes, whatever the file is called. */
export function decodeRecording(bytes: Buffer, maxLineBytes: number): Recording {
  const text = bytes[0] === 0x1F && bytes[1] === 0x8B ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8')
  const lines = text.split('\n').filter(line => line.trim() !== '')
  const [first, ...rest] = lines
  if (first === undefined)
    throw new RecordingError('the recording is empty')
  let header: RecordingHeader
  try {
    header = v.parse(recordingHeaderSchema, JSON.parse(first))
  }
  catch (error) {
    throw new RecordingError(`line 1 is not a recording header (${(error as Error).message.slice(0, 120)})`)
  }
  const entries: RecordedEntry[] = []
  const last = new Map<string, RecordedEntry>()
  let previous = 0
  rest.forEach((line, i) => {
    const where = `line ${i + 2}`
    if (line.length > maxLineBytes)
      throw new RecordingError(`${where}: over ${maxLineBytes} bytes`)
    let json: unknown
    try {
      json = JSON.parse(line)
    }
    catch {
      throw new RecordingError(`${where}: not JSON`)
    }
    if (!Array.isArray(json) || (json.length !== 3 && json.length !== 2) || typeof json[0] !== 'number' || !Number.isFinite(json[0]) || typeof json[1] !== 'string')
      throw new RecordingError(`${where}: expected [offsetMs, "topic", payload] or [offsetMs, "topic"]`)
    const [offsetMs, topic] = json as [number, string]
    if (offsetMs < previous)
      throw new RecordingError(`${where}: times must not go back (${offsetMs} after ${previous})`)
    previous = offsetMs
    let payload: unknown = json[2]
    if (json.length === 2) {
      const before = last.get(topic)
      if (!before)
        throw new RecordingError(`${where}: repeats ${topic}, which has no payload before it`)
      payload = shiftTimes(topic, before.payload, offsetMs - before.offsetMs)
    }
    const entry = { offsetMs, topic, payload }
    last.set(topic, entry)
    entries.push(entry)
  })
  return { header, entries }
}

/** Where a topic's epoch-ms times are: a tree of field names, `true` at a time, `[tree]` for a list's items. */
type TimeTree = { [key: string]: true | TimeTree | [TimeTree] }

interface SchemaLike {
  type?: string
  entries?: Record<string, SchemaLike>
  item?: SchemaLike
  wrapped?: SchemaLike
}

function timesOf(schema: SchemaLike): TimeTree | null {
  if (schema.wrapped)
    return timesOf(schema.wrapped)
  if (!schema.entries)
    return null
  const tree: TimeTree = {}
  for (const [key, entry] of Object.entries(schema.entries)) {
    if (entry === (epochMs as SchemaLike)) {
      tree[key] = true
      continue
    }
    const inner = entry.item ? timesOf(entry.item) : timesOf(entry.wrapped ?? entry)
    if (inner)
      tree[key] = entry.item ? [inner] : inner
  }
  return Object.keys(tree).length > 0 ? tree : null
}

const TIME_TREES = new Map<string, TimeTree>(
  Object.entries(TOPIC_SCHEMAS).flatMap(([topic, schema]) => {
    const tree = timesOf(schema as SchemaLike)
    return tree ? [[topic, tree] as const] : []
  }),
)

/** The topic's epoch-ms fields, as dotted paths ('ticker[].at'), for docs and tests. */
export function timeFields(topic: Topic): string[] {
  const out: string[] = []
  const walk = (tree: TimeTree, prefix: string) => {
    for (const [key, node] of Object.entries(tree)) {
      if (node === true)
        out.push(`${prefix}${key}`)
      else if (Array.isArray(node))
        walk(node[0], `${prefix}${key}[].`)
      else
        walk(node, `${prefix}${key}.`)
    }
  }
  const tree = TIME_TREES.get(topic)
  if (tree)
    walk(tree, '')
  return out
}

function shift(value: unknown, tree: TimeTree, byMs: number): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return value
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const [key, node] of Object.entries(tree)) {
    const field = out[key]
    if (node === true) {
      if (typeof field === 'number')
        out[key] = field + byMs
    }
    else if (Array.isArray(node)) {
      if (Array.isArray(field))
        out[key] = field.map(item => shift(item, node[0], byMs))
    }
    else {
      out[key] = shift(field, node, byMs)
    }
  }
  return out
}

/** A copy of the payload with every epoch-ms time the topic's schema declares moved by `byMs`. */
export function shiftTimes(topic: string, payload: unknown, byMs: number): unknown {
  const tree = TIME_TREES.get(topic)
  return tree ? shift(payload, tree, Math.round(byMs)) : payload
}
