/**
 * Where the feed's data comes from. The hub neither knows nor cares whether it is the simulator
 * or a real national system: it sees this interface, validates what comes through it, and fans
 * it out. A new kind is one file exporting an `UpstreamKind` and one line in UPSTREAM_KINDS.
 */
import * as v from 'valibot'
import { describeIssues, type TopicPayloads, type WallState } from '#protocol'
import type { AdapterStats } from './health.ts'

/** What the wall shows about the source (the 模拟数据 mark when simulated). */
export interface UpstreamInfo {
  /** short name, at most 80 characters, e.g. 'simulator (seed 20160313)' */
  name: string
  /** true when the figures are not real: the wall marks them 模拟数据 */
  simulated: boolean
  /**
   * Optional: the longest normal gap between two payloads, ms (a poll interval). The hub calls
   * the upstream stale after a few of these without a valid payload (hub/config.ts
   * UPSTREAM_SILENCE_PERIODS), and never sooner than UPSTREAM_SILENCE_MS.
   */
  expectedIntervalMs?: number
  /** a demo clock's distance from the real time (simulated = real + offset), ms; absent when real */
  clockOffsetMs?: number
}

/**
 * How an upstream judges its own connection to its system. The hub also judges an upstream stale
 * by silence; this lets an adapter say so at once ("HTTP 503 from /api/national", "connection
 * refused") and say when it has recovered.
 */
export interface UpstreamHealth {
  /** false while the upstream cannot reach its system, or its system answers with errors */
  ok: boolean
  /** short human-readable reason when not ok, at most 200 characters */
  reason?: string
}

/** Receives a topic's whole new payload. Untrusted until the hub has validated it. */
export type UpstreamListener = (topic: string, payload: unknown) => void

export interface Upstream {
  readonly info: UpstreamInfo
  /**
   * The latest payload of every topic it serves. The hub calls it once on start; after that it
   * keeps its own copy from the patches. 'wall.state' belongs to the hub and is ignored here.
   */
  snapshot: () => Partial<TopicPayloads>
  /** Called with every new payload; returns the unsubscribe function. */
  subscribe: (listener: UpstreamListener) => () => void
  /** begin producing (timers, connections); idempotent */
  start: () => void
  /** stop producing and release timers and connections; idempotent */
  stop: () => void
  /**
   * Told of the operator's wall state on start and on every change, for upstreams that answer it
   * (the simulator draws the courts of a new roll call). Optional: a plain data feed ignores it.
   */
  onWallState?: (state: WallState) => void
  /**
   * Optional: reports each change of the upstream's own health (never repeats the same state);
   * returns the unsubscribe function. An upstream without it is judged by silence alone.
   */
  onHealth?: (listener: (health: UpstreamHealth) => void) => () => void
  /**
   * Optional: what the adapter itself passed on, dropped (by "topic: reason") and failed to fetch,
   * and its current health, for /healthz and the diagnostics. The http, feed and replay kinds have it.
   */
  stats?: () => AdapterStats
}

/** Settings handed to an upstream: the `upstream` section of config/server.json, env applied. */
export interface UpstreamSettings {
  kind: string
  [key: string]: unknown
}

/** One kind of upstream: checks its own settings, then builds. */
export interface UpstreamKind {
  /**
   * Build the upstream. Throws an Error with a clear message when `settings` are wrong: it is
   * shown to whoever starts the server. May be async, for a kind that asks its peer who it is
   * before the hub starts (the feed kind learns the upstream hub's name).
   */
  create: (settings: UpstreamSettings) => Upstream | Promise<Upstream>
}

/**
 * Every kind the server can run, loaded on demand so that a deployment never loads the code of
 * kinds it does not use. Adding a kind: one file, one line here.
 */
export const UPSTREAM_KINDS: Record<string, () => Promise<UpstreamKind>> = {
  simulator: async () => (await import('./simulator.ts')).simulatorUpstreamKind,
  http: async () => (await import('./http.ts')).httpUpstreamKind,
  feed: async () => (await import('./feed.ts')).feedUpstreamKind,
  replay: async () => (await import('./replay.ts')).replayUpstreamKind,
  /** broker mode only: the hub's topics from NATS (server/main.ts builds it from the broker) */
  nats: async () => (await import('./nats.ts')).natsUpstreamKind,
}

export class UpstreamConfigError extends Error {
  override name = 'UpstreamConfigError'
}

/**
 * A URL as it may be shown on the walls and in logs: without user, password or query, which may
 * carry credentials (https://user:secret@…, ws://…/feed?token=…).
 */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`
  }
  catch {
    return '(invalid URL)'
  }
}

/** Throws a clear error when a required setting is missing (a schema would only say "invalid key"). */
export function requireSetting(settings: UpstreamSettings, key: string, hint: string): void {
  if (settings[key] === undefined || settings[key] === '')
    throw new UpstreamConfigError(`upstream (${settings.kind}): ${key} is required (${hint})`)
}

/** `settings` as a kind's schema reads them; a clear error naming the kind when they do not fit. */
export function parseSettings<S extends v.GenericSchema>(kind: string, schema: S, settings: UpstreamSettings): v.InferOutput<S> {
  const parsed = v.safeParse(schema, settings)
  if (!parsed.success)
    throw new UpstreamConfigError(`upstream (${kind}): ${describeIssues(parsed.issues)}`)
  return parsed.output
}

/** The one place that picks the upstream from configuration. */
export async function createUpstream(settings: UpstreamSettings): Promise<Upstream> {
  const load = Object.hasOwn(UPSTREAM_KINDS, settings.kind) ? UPSTREAM_KINDS[settings.kind] : undefined
  if (!load)
    throw new UpstreamConfigError(`upstream.kind ${JSON.stringify(settings.kind)} is not one of: ${Object.keys(UPSTREAM_KINDS).join(', ')}`)
  const kind = await load()
  return await kind.create(settings)
}
