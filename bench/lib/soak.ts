/**
 * Heap watching, run once after every timing measurement: all the pages to watch stay open side by
 * side for BENCH_MINUTES, each sampled at whole minutes after it was opened. Side by side, because
 * waiting is all they do: two watches one after the other would double the run for nothing, while
 * running one beside a timing measurement would spoil that measurement.
 */
import { delay } from '../../e2e/harness.ts'
import type { HeapSample, HeapWatch } from '../scenarios/types.ts'
import { liveHeapBytes } from './heap.ts'
import type { Metric } from './report.ts'

const MB = 1024 * 1024

/** Heap rows for the table: minute 1, the last minute, and the growth between them (budget 10 %). */
export function heapRows(scenario: string, samples: readonly HeapSample[], minutes: number, activity: string): Metric[] {
  const first = samples.find(sample => sample.minute === 1)
  const last = samples.find(sample => sample.minute === minutes)
  const growth = first && last && minutes > 1 ? (last.bytes - first.bytes) / first.bytes * 100 : null
  return [
    { scenario, name: 'JS heap after 1 min', value: first ? first.bytes / MB : null, unit: 'MB', note: `after forced GC; ${activity}` },
    ...(minutes > 1 ? [{ scenario, name: `JS heap after ${minutes} min`, value: last ? last.bytes / MB : null, unit: 'MB' }] : []),
    {
      scenario,
      name: `heap growth 1→${minutes} min`,
      value: growth,
      unit: '%',
      budget: 10,
      note: minutes > 1 ? (growth === null ? 'samples missing' : undefined) : 'needs BENCH_MINUTES ≥ 2',
    },
  ]
}

/** Take the samples a watch still lacks, at openedAt + minute × 60 s. */
async function sampleUntil(watch: HeapWatch, minutes: number, log: (line: string) => void): Promise<void> {
  for (let minute = 1; minute <= minutes; minute++) {
    if (watch.samples.some(sample => sample.minute === minute))
      continue
    const waitMs = watch.openedAt + minute * 60_000 - Date.now()
    if (waitMs > 0) {
      log(`${watch.scenario}: heap sample ${minute}/${minutes} in ${Math.round(waitMs / 1000)} s`)
      await delay(waitMs)
    }
    watch.samples.push({ minute, bytes: await liveHeapBytes(watch.page) })
  }
}

export interface WatchResult {
  scenario: string
  metrics: Metric[]
  samples: HeapSample[]
  /** console errors seen while watched (after the harness's allow-list) */
  errors: string[]
  /** the watch broke (page crashed, …) */
  failure?: string
}

/** Watch every page for `minutes`, then close them all. */
export async function watchHeaps(watches: readonly HeapWatch[], minutes: number, log: (line: string) => void): Promise<WatchResult[]> {
  try {
    const side = watches.map(watch => watch.scenario).join(', ')
    log(`heap: watching ${side} side by side for ${minutes} min`)
    return await Promise.all(watches.map(async (watch): Promise<WatchResult> => {
      let failure: string | undefined
      try {
        await sampleUntil(watch, minutes, log)
      }
      catch (error) {
        failure = error instanceof Error ? error.message : String(error)
      }
      const others = watches.length > 1 ? `; watched beside ${watches.filter(other => other !== watch).map(other => other.scenario).join(', ')}` : ''
      return {
        scenario: watch.scenario,
        metrics: heapRows(watch.scenario, watch.samples, minutes, `${watch.activity}${others}`),
        samples: [...watch.samples].sort((a, b) => a.minute - b.minute),
        errors: watch.errors(),
        failure,
      }
    }))
  }
  finally {
    for (const watch of watches)
      await watch.close().catch(() => {})
  }
}
