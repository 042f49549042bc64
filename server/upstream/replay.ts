/**
 * The replay upstream: plays a recording (REPLAY_FILE, made by `npm run record` or shipped in
 * mock-server/recordings/) at REPLAY_SPEED (default 1), looping at the end. Every time in a
 * payload is moved to now, so the walls treat the figures as live; the source is named
 * "Replay …" and marked simulated, so the wall's mark says it is a replay.
 */
import { readFileSync } from 'node:fs'
import { basename, isAbsolute, resolve } from 'node:path'
import * as v from 'valibot'
import { REPLAY_SOURCE_PREFIX } from '#protocol'
import { createAdapterCore, type AdapterStats } from './health.ts'
import { parseSettings, requireSetting, UpstreamConfigError, type Upstream, type UpstreamKind, type UpstreamSettings } from './index.ts'
import { REPLAY_LOOP_GAP_MS, REPLAY_MAX_LINE_BYTES, REPLAY_MAX_SPEED, REPLAY_MIN_SPEED } from './limits.ts'
import { decodeRecording, RecordingError, shiftTimes, type Recording } from './recording.ts'

/** Sets a one-shot timer; returns its cancel function. Injectable for tests. */
export type After = (ms: number, fn: () => void) => () => void

export interface ReplayOptions {
  recording: Recording
  /** shown in the source name, e.g. the file's name */
  label: string
  /** 1 = as recorded; 2 = twice as fast */
  speed?: number
  /** default Date.now */
  now?: () => number
  /** default setTimeout */
  after?: After
  log?: (line: string) => void
}

export interface ReplayUpstream extends Upstream {
  stats: () => AdapterStats & { loops: number }
}

const defaultAfter: After = (ms, fn) => {
  const timer = setTimeout(fn, ms)
  return () => clearTimeout(timer)
}

export function createReplayUpstream(options: ReplayOptions): ReplayUpstream {
  const { recording } = options
  const speed = options.speed ?? 1
  const now = options.now ?? Date.now
  const after = options.after ?? defaultAfter
  const core = createAdapterCore(`replay ${options.label}`, { log: options.log })
  const entries = recording.entries
  const lastOffset = entries.at(-1)?.offsetMs ?? 0
  /** one loop of the recording, in recorded ms, with a pause before it starts again */
  const loopMs = lastOffset + REPLAY_LOOP_GAP_MS
  let cancel: (() => void) | null = null
  let index = 0
  let loops = 0
  /** wall-clock instant that recorded offset 0 of the current loop plays at */
  let loopStartedAt = 0

  /** A payload as it would be if recorded at `playedAt`. */
  function live(topic: string, payload: unknown, offsetMs: number, playedAt: number): unknown {
    return shiftTimes(topic, payload, playedAt - (recording.header.startedAt + offsetMs))
  }

  function play(): void {
    cancel = null
    const t = now()
    // Everything due by now (a slow machine may be late: catch up, never skip).
    while (index < entries.length) {
      const entry = entries[index] as (typeof entries)[number]
      const due = loopStartedAt + entry.offsetMs / speed
      if (due > t)
        break
      core.emit(entry.topic, live(entry.topic, entry.payload, entry.offsetMs, t))
      index++
    }
    if (index >= entries.length) {
      const nextLoopAt = loopStartedAt + loopMs / speed
      if (nextLoopAt <= t || entries.length === 0) {
        loopStartedAt = Math.max(nextLoopAt, t - loopMs / speed)
        index = 0
        loops++
        if (entries.length === 0)
          return
      }
    }
    const next = entries[index]
    const wait = index < entries.length && next ? loopStartedAt + next.offsetMs / speed - t : loopStartedAt + loopMs / speed - t
    cancel = after(Math.max(0, wait), play)
  }

  /** The first payload of every topic, as of now: what the hub starts from. */
  function snapshot(): Record<string, unknown> {
    const t = now()
    const out: Record<string, unknown> = {}
    for (const entry of entries) {
      if (entry.topic !== 'wall.state' && !(entry.topic in out))
        out[entry.topic] = live(entry.topic, entry.payload, entry.offsetMs, t)
    }
    return out
  }

  return {
    info: { name: `${REPLAY_SOURCE_PREFIX} ${options.label} (${recording.header.source.name})`.slice(0, 80), simulated: true },
    ...core.upstream,
    snapshot,
    stats: () => ({ ...core.stats(), loops }),
    start() {
      if (cancel)
        return
      loopStartedAt = now()
      index = 0
      play()
    },
    stop() {
      cancel?.()
      cancel = null
    },
  }
}

const settingsSchema = v.strictObject({
  kind: v.literal('replay'),
  file: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  speed: v.optional(v.pipe(v.number(), v.finite(), v.minValue(REPLAY_MIN_SPEED), v.maxValue(REPLAY_MAX_SPEED)), 1),
})

/** Where relative REPLAY_FILE paths are taken from: the repository root, like DATA_DIR. */
const REPO_ROOT = resolve(import.meta.dirname, '../..')

export const replayUpstreamKind: UpstreamKind = {
  create(settings: UpstreamSettings) {
    requireSetting(settings, 'file', 'REPLAY_FILE=path/to/recording.jsonl.gz')
    const { file: given, speed } = parseSettings('replay', settingsSchema, settings)
    const file = isAbsolute(given) ? given : resolve(REPO_ROOT, given)
    let recording: Recording
    try {
      recording = decodeRecording(readFileSync(file), REPLAY_MAX_LINE_BYTES)
    }
    catch (error) {
      const why = error instanceof RecordingError ? error.message : (error as Error).message
      throw new UpstreamConfigError(`upstream (replay): cannot play ${file}: ${why}`)
    }
    if (recording.entries.length === 0)
      throw new UpstreamConfigError(`upstream (replay): ${file} has no entries`)
    return createReplayUpstream({ recording, label: basename(file), speed })
  },
}
