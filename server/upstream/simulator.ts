/**
 * The simulator as an upstream: a seeded model moved forward by a timer, sending whole topics in
 * a rotation so every topic refreshes every few seconds. Clock and timer are injectable.
 */
import * as v from 'valibot'
import type { Topic, TopicPayloads } from '#protocol'
import { parseSettings, type Upstream, type UpstreamKind, type UpstreamListener, type UpstreamSettings } from './index.ts'
import { DEFAULT_SEED } from '../../src/domain/constants.ts'
import { battlePlanAt } from '../../mock-server/simulator/battleplan.ts'
import { DEMO_CLOCK_PATTERN, demoClockOffsetMs } from '../../mock-server/simulator/demoClock.ts'
import { Simulation } from '../../mock-server/simulator/model.ts'

/** Runs `fn` every `ms`; returns the cancel function. */
export type Every = (ms: number, fn: () => void) => () => void

export interface SimulatorOptions {
  /** same seed, same figures */
  seed: number
  /** average patches per second (FEED_RATE); at least one tick a second whatever the rate */
  messagesPerSecond: number
  /** wall-clock source; default Date.now */
  now?: () => number
  /**
   * demo clock (SIM_CLOCK): the courts run from this Beijing time `HH:MM` on the latest working day,
   * at real speed; default the real time
   */
  clock?: string
  /** timer; default setInterval */
  every?: Every
}

/**
 * One tick sends one group. The national counters and the 32 rows they are summed from always
 * travel together, from the same state, so a wall never shows a total that its map contradicts.
 */
const ROTATION: readonly (readonly Topic[])[] = [
  ['national.kpi', 'province.stats'],
  ['inquiry.stats', 'national.indicators'],
  ['credit.stats', 'delegation.stats'],
  ['auction.stats', 'termination.stats'],
  ['national.kpi', 'province.stats'],
  ['inquiry.stats', 'national.indicators'],
  ['battleplan.milestones', 'rollcall.courts'],
  ['delegation.stats', 'auction.stats'],
]
/** Every topic the simulator produces, for snapshots. */
const ALL_TOPICS: readonly Topic[] = [...new Set(ROTATION.flat())]
const PATCHES_PER_TICK = ROTATION.reduce((n, group) => n + group.length, 0) / ROTATION.length

/** Milliseconds between ticks for an average rate of patches per second. */
export function tickIntervalMs(messagesPerSecond: number): number {
  return Math.max(10, Math.min(1000, Math.round(1000 * PATCHES_PER_TICK / messagesPerSecond)))
}

const defaultEvery: Every = (ms, fn) => {
  const timer = setInterval(fn, ms)
  return () => clearInterval(timer)
}

/** The simulator upstream, with `tick()` exposed so tests can step it without timers. */
export interface SimulatorUpstream extends Upstream {
  /** advance to now and send the next group of the rotation */
  tick: () => void
}

export function createSimulatorUpstream(options: SimulatorOptions): SimulatorUpstream {
  const realNow = options.now ?? Date.now
  const clockOffsetMs = demoClockOffsetMs(realNow(), options.clock)
  const now = (): number => realNow() + clockOffsetMs
  const every = options.every ?? defaultEvery
  const start = now()
  let lastUnitClosure = new Map<string, number>()
  const simulation = new Simulation({ seed: options.seed, start, unitClosureRate: id => lastUnitClosure.get(id) })
  let rollCallDrawId: string | null = null
  const listeners = new Set<UpstreamListener>()
  let rotation = 0
  let cancel: (() => void) | null = null

  function payloads(topics: readonly Topic[]): Partial<TopicPayloads> {
    const t = now()
    simulation.advanceTo(t)
    const fromFunctions = simulation.functionPayloads()
    const out: Partial<TopicPayloads> = {}
    const wanted = new Set<Topic>(topics)
    for (const topic of topics) {
      if (topic in fromFunctions)
        Object.assign(out, { [topic]: fromFunctions[topic as keyof typeof fromFunctions] })
    }
    if (wanted.has('national.kpi') || wanted.has('province.stats')) {
      const { kpi, provinces } = simulation.counters()
      lastUnitClosure = new Map(provinces.units.map(u => [u.unitId, u.actualClosureRate]))
      if (wanted.has('national.kpi'))
        out['national.kpi'] = kpi
      if (wanted.has('province.stats'))
        out['province.stats'] = provinces
    }
    if (wanted.has('national.indicators'))
      out['national.indicators'] = simulation.indicators()
    if (wanted.has('battleplan.milestones'))
      out['battleplan.milestones'] = battlePlanAt(simulation.now)
    return out
  }

  function tick(): void {
    const group = ROTATION[rotation % ROTATION.length] ?? []
    rotation++
    const out = payloads(group)
    for (const topic of group) {
      for (const listener of listeners)
        listener(topic, out[topic])
    }
  }

  return {
    info: {
      name: `Simulator (seed ${options.seed}${options.clock === undefined ? '' : `, from ${options.clock}`})`,
      simulated: true,
      ...(clockOffsetMs === 0 ? {} : { clockOffsetMs }),
    },
    snapshot: () => payloads(ALL_TOPICS),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {
      cancel ??= every(tickIntervalMs(options.messagesPerSecond), tick)
    },
    stop() {
      cancel?.()
      cancel = null
    },
    tick,
    onWallState(state) {
      if (state.rollCall.drawId === rollCallDrawId)
        return
      rollCallDrawId = state.rollCall.drawId
      const t = now()
      const courts = simulation.drawRollCall(state.rollCall.count, state.rollCall.seed, t, state.rollCall.drawId)
      for (const listener of listeners)
        listener('rollcall.courts', courts)
    },
  }
}

const settingsSchema = v.strictObject({
  kind: v.literal('simulator'),
  seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xFFFFFFFF)), DEFAULT_SEED),
  messagesPerSecond: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0.1), v.maxValue(100)), 2),
  /** the demo clock, `HH:MM` Beijing time (SIM_CLOCK) */
  clock: v.optional(v.pipe(v.string(), v.regex(DEMO_CLOCK_PATTERN, 'must be HH:MM, 00:00 to 23:59'))),
})

export const simulatorUpstreamKind: UpstreamKind = {
  create(settings: UpstreamSettings) {
    const { seed, messagesPerSecond, clock } = parseSettings('simulator', settingsSchema, settings)
    return createSimulatorUpstream({ seed, messagesPerSecond, ...(clock === undefined ? {} : { clock }) })
  },
}
