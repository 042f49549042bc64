/**
 * Decode and validate frames. Nothing reaches a store, or the server's state, without passing here.
 */
import * as v from 'valibot'
import { MAX_FRAME_BYTES, PROTOCOL_VERSION, type RejectReason, type Rejection } from './envelope'
import { clientMessageSchema, serverEnvelopeSchema, type ClientMessage, type SourceInfo, type UpstreamStatus } from './messages'
import { isTopic, TOPIC_SCHEMAS, type Topic, type TopicPayload, type TopicPayloads } from './topics'

/** A validated server frame. */
export type ServerMessage =
  | { type: 'snapshot', seq: number, ts: number, source: SourceInfo, topics: Partial<TopicPayloads>, upstream?: UpstreamStatus }
  | { [T in Topic]: { type: 'patch', seq: number, ts: number, topic: T, data: TopicPayload<T> } }[Topic]
  | { type: 'heartbeat', seq: number, ts: number, upstream?: UpstreamStatus }
  | { type: 'error', seq: number, ts: number, code: string, message: string }

export interface Decoded<T> {
  /** the message, when its envelope was valid (a snapshot may still carry per-topic rejections) */
  message: T | null
  /** everything rejected from this frame; empty when all of it was good */
  rejections: Rejection[]
}

function reject(reason: RejectReason, detail: string, now: number, topic?: string): Rejection {
  return topic === undefined ? { reason, detail, at: now } : { reason, detail, topic, at: now }
}

/** "path: message" of the first issue, short enough for the overlay. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0]
  if (!first)
    return 'invalid'
  const path = v.getDotPath(first)
  return `${path ? `${path}: ` : ''}${first.message}`.slice(0, 300)
}

function byteLength(text: string): number {
  // Cheap upper bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= MAX_FRAME_BYTES)
    return text.length
  return new TextEncoder().encode(text).length
}

/** Parse the raw frame into JSON, or say why not. */
function parseFrame(raw: unknown, now: number): { json: unknown } | { rejection: Rejection } {
  if (typeof raw !== 'string')
    return { rejection: reject('binaryFrame', 'binary frames are not part of the protocol', now) }
  if (byteLength(raw) > MAX_FRAME_BYTES)
    return { rejection: reject('oversized', `frame over ${MAX_FRAME_BYTES} bytes`, now) }
  try {
    return { json: JSON.parse(raw) }
  }
  catch {
    return { rejection: reject('notJson', `not JSON: ${raw.slice(0, 40)}`, now) }
  }
}

/** Parse the raw frame and check it against `schema`, or say why not (`badEnvelope` names a mismatch). */
function parseMessage<S extends v.GenericSchema>(raw: unknown, schema: S, now: number, badEnvelope: (json: unknown, issues: readonly v.BaseIssue<unknown>[]) => Rejection):
  { frame: v.InferOutput<S> } | { rejection: Rejection } {
  const parsed = parseFrame(raw, now)
  if ('rejection' in parsed)
    return parsed
  const result = v.safeParse(schema, parsed.json)
  return result.success ? { frame: result.output } : { rejection: badEnvelope(parsed.json, result.issues) }
}

function envelopeRejection(json: unknown, issues: readonly v.BaseIssue<unknown>[], now: number): Rejection {
  if (typeof json === 'object' && json !== null && 'v' in json && json.v !== PROTOCOL_VERSION)
    return reject('unsupportedVersion', `version ${String(json.v)}, expected ${PROTOCOL_VERSION}`, now)
  if (typeof json === 'object' && json !== null && 'type' in json
    && !['snapshot', 'patch', 'heartbeat', 'error'].includes(String(json.type)))
    return reject('unknownType', `type ${JSON.stringify(json.type)}`, now)
  return reject('badEnvelope', describeIssues(issues), now)
}

/** Validate one topic's payload. */
export function validateTopic(topic: unknown, data: unknown, now = Date.now()):
  { ok: true, topic: Topic, data: unknown } | { ok: false, rejection: Rejection } {
  if (!isTopic(topic))
    return { ok: false, rejection: reject('unknownTopic', `topic ${JSON.stringify(topic)}`, now, String(topic).slice(0, 64)) }
  const result = v.safeParse(TOPIC_SCHEMAS[topic], data)
  if (!result.success)
    return { ok: false, rejection: reject('badPayload', describeIssues(result.issues), now, topic) }
  return { ok: true, topic, data: result.output }
}

/**
 * Decode a frame from the server. A snapshot keeps its good topics and rejects the bad ones
 * one by one, so one broken topic never costs the others.
 */
export function decodeServerFrame(raw: unknown, now = Date.now()): Decoded<ServerMessage> {
  const parsed = parseMessage(raw, serverEnvelopeSchema, now, (json, issues) => envelopeRejection(json, issues, now))
  if ('rejection' in parsed)
    return { message: null, rejections: [parsed.rejection] }
  const frame = parsed.frame
  switch (frame.type) {
    case 'snapshot': {
      const topics: Record<string, unknown> = {}
      const rejections: Rejection[] = []
      for (const [name, data] of Object.entries(frame.topics)) {
        const checked = validateTopic(name, data, now)
        if (checked.ok)
          topics[checked.topic] = checked.data
        else
          rejections.push(checked.rejection)
      }
      return {
        message: {
          type: 'snapshot',
          seq: frame.seq,
          ts: frame.ts,
          source: frame.source,
          topics: topics as Partial<TopicPayloads>,
          ...(frame.upstream && { upstream: frame.upstream }),
        },
        rejections,
      }
    }
    case 'patch': {
      const checked = validateTopic(frame.topic, frame.data, now)
      if (!checked.ok)
        return { message: null, rejections: [checked.rejection] }
      return { message: { type: 'patch', seq: frame.seq, ts: frame.ts, topic: checked.topic, data: checked.data } as ServerMessage, rejections: [] }
    }
    default:
      return { message: frame, rejections: [] }
  }
}

/** Decode a frame a wall sent to the server. */
export function decodeClientFrame(raw: unknown, now = Date.now()): Decoded<ClientMessage> {
  const parsed = parseMessage(raw, clientMessageSchema, now, (_json, issues) => reject('badEnvelope', describeIssues(issues), now))
  return 'rejection' in parsed ? { message: null, rejections: [parsed.rejection] } : { message: parsed.frame, rejections: [] }
}
