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

/** A measurement. Add one by writing bench/scenarios/<id>.ts and listing it in bench/run.ts. */
export interface Scenario {
  id: string
  /** one line: what is measured and how */
  title: string
  run: (context: BenchContext) => Promise<{ metrics: Metric[], details?: unknown }>
}
