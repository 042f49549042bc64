/**
 * Envelope schemas for every frame on /feed.
 *
 * server → wall:  the first frame is always a `snapshot`; then `patch`, `heartbeat`, `error`.
 * wall → server:  `resync` (send me a fresh snapshot), `status` (what this wall shows, for the operator).
 */
import * as v from 'valibot'
import { PROTOCOL_VERSION } from './envelope'
import { pageId } from './control'
import { count, epochMs } from './schema-parts'

/** A demo clock is at most a week and a day from the real time (the latest working day's HH:MM). */
export const MAX_CLOCK_OFFSET_MS = 8 * 86_400_000

const seq = v.pipe(v.number(), v.integer(), v.minValue(0))

/** Where the data comes from; `simulated: true` puts the "simulated data" mark on the wall. */
export const sourceInfoSchema = v.strictObject({
  name: v.pipe(v.string(), v.maxLength(80)),
  simulated: v.boolean(),
  /** the server sends a heartbeat at least this often when nothing else is sent */
  heartbeatMs: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(60_000)),
  /**
   * A demo clock: the source's figures are those of (real time + this), ms; absent when they are of the
   * real time. The wall shows the simulated time beside its 模拟数据 mark.
   */
  clockOffsetMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-MAX_CLOCK_OFFSET_MS), v.maxValue(MAX_CLOCK_OFFSET_MS))),
})
export type SourceInfo = v.InferOutput<typeof sourceInfoSchema>
/** A source whose name starts with this plays a recording: the wall's simulated mark says 回放 (replay). */
export const REPLAY_SOURCE_PREFIX = 'Replay'

/**
 * How the hub judges its upstream: `live` while valid payloads arrive and the upstream reports no
 * fault; `stale` after UPSTREAM_SILENCE_MS (server config) without a valid payload, or from the
 * moment the upstream reports itself unhealthy, until the next valid payload after it recovers.
 */
export const UPSTREAM_STATES = ['live', 'stale'] as const
export type UpstreamState = typeof UPSTREAM_STATES[number]

/** Upstream reject reasons the hub counts and sends; a hub with more reasons than this sends the first ones. */
export const MAX_UPSTREAM_REJECT_REASONS = 32

export const upstreamStatusSchema = v.strictObject({
  /** the upstream kind the hub runs: 'simulator', 'http', 'feed', 'replay' … */
  kind: v.pipe(v.string(), v.maxLength(40)),
  state: v.picklist(UPSTREAM_STATES),
  /** server clock, epoch ms: when `state` last changed (the hub's start for a first `live`) */
  since: epochMs,
  /** why it is stale, in the upstream's or the hub's words; absent while live */
  reason: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** payloads from the upstream the hub refused since it started, by reason */
  rejected: v.pipe(
    v.record(v.pipe(v.string(), v.maxLength(40)), count),
    v.check(r => Object.keys(r).length <= MAX_UPSTREAM_REJECT_REASONS, 'too many reasons'),
  ),
})
export type UpstreamStatus = v.InferOutput<typeof upstreamStatusSchema>

/** The outer shape of a server frame; `data` is checked per topic in decode.ts. */
export const serverEnvelopeSchema = v.variant('type', [
  v.strictObject({
    v: v.literal(PROTOCOL_VERSION),
    type: v.literal('snapshot'),
    seq,
    ts: epochMs,
    source: sourceInfoSchema,
    /** topic → payload; every topic the server has */
    topics: v.record(v.string(), v.unknown()),
    /** the hub's judgement of its upstream; optional so that a wall also reads an older hub */
    upstream: v.optional(upstreamStatusSchema),
  }),
  v.strictObject({
    v: v.literal(PROTOCOL_VERSION),
    type: v.literal('patch'),
    seq,
    ts: epochMs,
    topic: v.string(),
    /** the whole new payload of that topic (a topic is replaced, never merged) */
    data: v.unknown(),
  }),
  v.strictObject({
    v: v.literal(PROTOCOL_VERSION),
    type: v.literal('heartbeat'),
    seq,
    ts: epochMs,
    /** sent at once when the upstream's state changes, and with every heartbeat */
    upstream: v.optional(upstreamStatusSchema),
  }),
  v.strictObject({
    v: v.literal(PROTOCOL_VERSION),
    type: v.literal('error'),
    seq,
    ts: epochMs,
    code: v.pipe(v.string(), v.maxLength(64)),
    message: v.pipe(v.string(), v.maxLength(500)),
  }),
])

/** What a wall reports about itself, shown on the control terminal's status panel. */
export const wallStatusSchema = v.strictObject({
  /** page on screen now */
  page: pageId,
  /** age of the newest data on the wall, ms; null before any data */
  dataAgeMs: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
  /** wall profile id, e.g. 'wall-32x9' */
  profile: v.pipe(v.string(), v.maxLength(40)),
  /** viewport size */
  width: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
  height: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
})
export type WallStatus = v.InferOutput<typeof wallStatusSchema>

export const clientMessageSchema = v.variant('type', [
  v.strictObject({ v: v.literal(PROTOCOL_VERSION), type: v.literal('resync') }),
  v.strictObject({ v: v.literal(PROTOCOL_VERSION), type: v.literal('status'), data: wallStatusSchema }),
])
export type ClientMessage = v.InferOutput<typeof clientMessageSchema>
