/**
 * Envelope schemas for every frame on /feed.
 *
 * server → wall:  the first frame is always a `snapshot`; then `patch`, `heartbeat`, `error`.
 * wall → server:  `resync` (send me a fresh snapshot), `status` (what this wall shows, for the operator).
 */
import * as v from 'valibot'
import { PROTOCOL_VERSION } from './envelope'
import { pageId } from './control'
import { epochMs } from './schema-parts'

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
