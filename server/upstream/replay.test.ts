import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { kpi } from '../../src/test/fixtures.ts'
import { encodeRecording, type Recording } from './recording.ts'
import { createReplayUpstream, replayUpstreamKind, type After } from './replay.ts'

const RECORDED_AT = Date.UTC(2026, 10, 30, 2, 0, 0)
const recording: Recording = {
  header: { recording: 1, source: { name: 'Simulator (seed 1)', simulated: true }, startedAt: RECORDED_AT },
  entries: [
    { offsetMs: 0, topic: 'national.kpi', payload: kpi({ asOf: RECORDED_AT, casesPending: 1 }) },
    { offsetMs: 1000, topic: 'national.kpi', payload: kpi({ asOf: RECORDED_AT + 1000, casesPending: 2 }) },
    { offsetMs: 3000, topic: 'national.kpi', payload: kpi({ asOf: RECORDED_AT + 3000, casesPending: 3 }) },
  ],
}

/** A hand-driven clock: timers fire as `advance` passes them. */
function fakeClock(start: number) {
  let t = start
  let timers: { at: number, fn: () => void }[] = []
  const after: After = (ms, fn) => {
    const timer = { at: t + ms, fn }
    timers.push(timer)
    return () => { timers = timers.filter(x => x !== timer) }
  }
  return {
    now: () => t,
    after,
    advance(ms: number) {
      const end = t + ms
      for (;;) {
        const next = timers.filter(x => x.at <= end).sort((a, b) => a.at - b.at)[0]
        if (!next)
          break
        timers = timers.filter(x => x !== next)
        t = next.at
        next.fn()
      }
      t = end
    },
  }
}

function played(speed = 1) {
  const now = Date.UTC(2027, 0, 4, 1, 0, 0)
  const clock = fakeClock(now)
  const upstream = createReplayUpstream({ recording, label: 'morning.jsonl.gz', speed, now: clock.now, after: clock.after, log: () => {} })
  const out: { at: number, casesPending: number, asOf: number }[] = []
  upstream.subscribe((_topic, payload) => {
    const p = payload as { casesPending: number, asOf: number }
    out.push({ at: clock.now() - now, casesPending: p.casesPending, asOf: p.asOf - now })
  })
  return { upstream, clock, out, start: now }
}

describe('replay upstream', () => {
  it('plays each payload at its recorded time, with its times moved to now', () => {
    const { upstream, clock, out } = played()
    upstream.start()
    clock.advance(3500)
    expect(out).toEqual([
      { at: 0, casesPending: 1, asOf: 0 },
      { at: 1000, casesPending: 2, asOf: 1000 },
      { at: 3000, casesPending: 3, asOf: 3000 },
    ])
  })

  it('loops at the end, a second after the last payload, and goes on as live', () => {
    const { upstream, clock, out } = played()
    upstream.start()
    clock.advance(8500)
    expect(out.map(o => o.at)).toEqual([0, 1000, 3000, 4000, 5000, 7000, 8000])
    expect(out.every(o => o.asOf === o.at)).toBe(true)
    expect(upstream.stats().loops).toBe(2)
  })

  it('REPLAY_SPEED 2 plays twice as fast; the times still read now', () => {
    const { upstream, clock, out } = played(2)
    upstream.start()
    clock.advance(1900)
    expect(out).toEqual([
      { at: 0, casesPending: 1, asOf: 0 },
      { at: 500, casesPending: 2, asOf: 500 },
      { at: 1500, casesPending: 3, asOf: 1500 },
    ])
  })

  it('starts the hub from the first payload of every topic, as of now; says it is a replay', () => {
    const { upstream } = played()
    const snapshot = upstream.snapshot() as { 'national.kpi': { casesPending: number, asOf: number } }
    expect(snapshot['national.kpi'].casesPending).toBe(1)
    expect(snapshot['national.kpi'].asOf).toBe(Date.UTC(2027, 0, 4, 1, 0, 0))
    expect(upstream.info).toEqual({ name: 'Replay morning.jsonl.gz (Simulator (seed 1))', simulated: true })
  })

  it('stops and drops an invalid payload, counted', () => {
    const bad: Recording = { ...recording, entries: [...recording.entries, { offsetMs: 3500, topic: 'national.kpi', payload: { asOf: 1 } }] }
    const clock = fakeClock(0)
    const upstream = createReplayUpstream({ recording: bad, label: 'x', now: clock.now, after: clock.after, log: () => {} })
    let count = 0
    upstream.subscribe(() => count++)
    upstream.start()
    clock.advance(4000)
    expect(count).toBe(3)
    expect(upstream.stats().dropped['national.kpi: badPayload']).toBe(1)
    upstream.stop()
    clock.advance(10_000)
    expect(count).toBe(3)
  })

  it('checks its settings and its file with clear messages', async () => {
    expect(() => replayUpstreamKind.create({ kind: 'replay' })).toThrow('upstream (replay): file is required (REPLAY_FILE=path/to/recording.jsonl.gz)')
    expect(() => replayUpstreamKind.create({ kind: 'replay', file: 'x', speed: 1000 })).toThrow(/speed: Invalid value/)
    expect(() => replayUpstreamKind.create({ kind: 'replay', file: '/nonexistent/rec.jsonl' })).toThrow(/cannot play \/nonexistent\/rec\.jsonl: ENOENT/)
    const dir = mkdtempSync(join(tmpdir(), 'replay-test-'))
    const file = join(dir, 'r.jsonl.gz')
    writeFileSync(file, encodeRecording(recording, true))
    const upstream = await replayUpstreamKind.create({ kind: 'replay', file, speed: 2 })
    expect(upstream.info.name).toBe('Replay r.jsonl.gz (Simulator (seed 1))')
  })
})

describe('the shipped recording', () => {
  it('is half an hour of every topic, each valid and none silent long enough for the wall to call it stale', async () => {
    const { readFileSync } = await import('node:fs')
    const { decodeRecording } = await import('./recording.ts')
    const { validateTopic, TOPICS } = await import('#protocol')
    const bytes = readFileSync(new URL('../../mock-server/recordings/working-morning.jsonl.gz', import.meta.url))
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024)
    const { header, entries } = decodeRecording(bytes, 1024 * 1024)
    expect(header.source.simulated).toBe(true)
    expect(entries.at(-1)?.offsetMs).toBeGreaterThanOrEqual(29 * 60_000)
    const lastSeen = new Map<string, number>()
    let longestGap = 0
    for (const entry of entries) {
      const checked = validateTopic(entry.topic, entry.payload)
      expect(checked.ok, `${entry.topic} at ${entry.offsetMs}: ${checked.ok ? '' : checked.rejection.detail}`).toBe(true)
      longestGap = Math.max(longestGap, entry.offsetMs - (lastSeen.get(entry.topic) ?? 0))
      lastSeen.set(entry.topic, entry.offsetMs)
    }
    expect([...lastSeen.keys()].sort()).toEqual(TOPICS.filter(topic => topic !== 'wall.state').sort())
    expect(longestGap).toBeLessThanOrEqual(8_000)
  })
})
