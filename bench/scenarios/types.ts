import type { Page } from 'playwright-core'
import type { Metric } from '../lib/report.ts'

/** What every scenario gets from bench/run.ts. */
export interface BenchContext {
  /** repository root */
  root: string
  /** how long the long-running scenarios run (BENCH_MINUTES, default 10) */
  minutes: number
  /** progress line on stderr, so stdout keeps only the table */
  log: (line: string) => void
}

/** One heap figure: used JS heap after a forced GC, `minute` minutes after the page was opened. */
export interface HeapSample {
  minute: number
  bytes: number
}

/**
 * A page whose JS heap is watched for BENCH_MINUTES. bench/run.ts keeps every watch open side by side
 * once all timing measurements are done (bench/lib/soak.ts), then closes it.
 */
export interface HeapWatch {
  /** the scenario the heap rows belong to */
  scenario: string
  page: Page
  /** Date.now() when the page was opened: minute marks count from it */
  openedAt: number
  /** samples already taken, e.g. minute 1 while the scenario measured something else */
  samples: HeapSample[]
  /** what the page does meanwhile, for the note, e.g. "FEED_RATE=10" */
  activity: string
  /** console errors so far (after the harness's allow-list) */
  errors: () => string[]
  /** close the page, its browser and its server */
  close: () => Promise<void>
}

/** What a scenario's run found. */
export interface ScenarioResult {
  metrics: Metric[]
  details?: unknown
  /**
   * A page left open for the heap watch. Anything left open keeps using the CPU, so only the last
   * timing scenario in SCENARIOS may hand one over; the others open theirs in `openHeapWatch`.
   */
  heapWatch?: HeapWatch
}

/** A measurement. Add one by writing bench/scenarios/<id>.ts and listing it in bench/run.ts. */
export interface Scenario {
  id: string
  /** one line: what is measured and how */
  title: string
  run: (context: BenchContext) => Promise<ScenarioResult>
  /** open a fresh page for the heap watch, after every timing measurement is done */
  openHeapWatch?: (context: BenchContext) => Promise<HeapWatch>
}
