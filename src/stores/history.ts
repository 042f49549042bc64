/**
 * A short memory of province.stats, so the focus page can draw a unit's trend: at most one sample
 * every HISTORY_INTERVAL_MS, the last HISTORY_CAPACITY of them (half an hour). A sample keeps the rows
 * of the payload it came from by reference — payloads are never mutated — so sampling copies
 * nothing but a Map of 32 pointers, and no deep reactivity is ever set up over them.
 * Sampling starts when the store is first used (WallShell) and runs whatever page is shown.
 */
import { defineStore } from 'pinia'
import { markRaw, shallowRef, watch } from 'vue'
import type { ProvinceStats, UnitStats } from '~/protocol'
import { useFeedStore } from './feed'

/** Samples kept: at one per HISTORY_INTERVAL_MS, the last half hour. */
export const HISTORY_CAPACITY = 120
/** At most one sample this often, by the data's own time (asOf). */
export const HISTORY_INTERVAL_MS = 15_000

/** One moment of every unit's figures. */
export interface HistorySample {
  /** the payload's asOf: server time of the figures, epoch ms */
  at: number
  rows: ReadonlyMap<string, UnitStats>
}

/** A fixed-size buffer that forgets its oldest entry; reads come out oldest first. */
export interface Ring<T> {
  readonly capacity: number
  readonly size: number
  push: (item: T) => void
  last: () => T | undefined
  /** oldest first, a new array */
  toArray: () => T[]
  clear: () => void
}

export function createRing<T>(capacity: number): Ring<T> {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new Error(`ring capacity must be a positive whole number, not ${capacity}`)
  const slots: (T | undefined)[] = Array.from({ length: capacity })
  let head = 0
  let size = 0
  return {
    capacity,
    get size() {
      return size
    },
    push(item) {
      slots[(head + size) % capacity] = item
      if (size < capacity)
        size++
      else
        head = (head + 1) % capacity
    },
    last: () => size === 0 ? undefined : slots[(head + size - 1) % capacity],
    toArray: () => Array.from({ length: size }, (_, i) => slots[(head + i) % capacity] as T),
    clear() {
      slots.fill(undefined)
      head = 0
      size = 0
    },
  }
}

/** Whether figures of time `at` make a new sample after the last one at `lastAt`. */
export function isSampleDue(lastAt: number | undefined, at: number, intervalMs: number = HISTORY_INTERVAL_MS): boolean {
  return lastAt === undefined || at - lastAt >= intervalMs
}

/** One unit's figures through the samples, oldest first. */
export interface UnitTrendPoint {
  at: number
  casesConcludedYtd: number
  actualClosureRate: number
}

/** The points of one unit, skipping samples that lack it. */
export function unitTrend(samples: readonly HistorySample[], unitId: string): UnitTrendPoint[] {
  const points: UnitTrendPoint[] = []
  for (const sample of samples) {
    const row = sample.rows.get(unitId)
    if (row)
      points.push({ at: sample.at, casesConcludedYtd: row.casesConcludedYtd, actualClosureRate: row.actualClosureRate })
  }
  return points
}

export const useHistoryStore = defineStore('history', () => {
  const feed = useFeedStore()
  const ring = createRing<HistorySample>(HISTORY_CAPACITY)
  /** oldest first; a new array with every sample */
  const samples = shallowRef<readonly HistorySample[]>([])

  /** Take a sample of `stats` if one is due; true when taken. */
  function record(stats: ProvinceStats): boolean {
    const last = ring.last()
    // The source's clock went back (a restarted simulator): the old line would zigzag; start again.
    if (last && stats.asOf < last.at)
      ring.clear()
    if (!isSampleDue(ring.last()?.at, stats.asOf))
      return false
    ring.push(markRaw({ at: stats.asOf, rows: new Map(stats.units.map(u => [u.unitId, u])) }))
    samples.value = ring.toArray()
    return true
  }

  // sync: every accepted payload is looked at, even two arriving in one tick; the check costs a subtraction
  watch(() => feed.latest['province.stats'], (stats) => {
    if (stats)
      record(stats)
  }, { immediate: true, flush: 'sync' })

  return { samples, record, capacity: HISTORY_CAPACITY, intervalMs: HISTORY_INTERVAL_MS }
})
