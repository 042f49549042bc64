/**
 * The benchmark: `npm run bench` (builds, then runs this). Prints one table and writes
 * bench/results/<UTC date-time>.json (committed; latest.json is the same run, ignored). Budgets are shown beside the figures; a figure over budget is
 * reported, never a failure: this is a measurement. BENCH_MINUTES (default 10) sets how long the
 * heap is watched; BENCH_ONLY=<id,…> runs some scenarios only; BENCH_PAGE_SECONDS (default 20)
 * how long each page of the `pages` scenario is traced.
 *
 * Timing scenarios run one at a time; the heap watches of all of them run together at the end
 * (lib/soak.ts), so BENCH_MINUTES is spent once, not once per watched page.
 */
import { availableParallelism, cpus, loadavg } from 'node:os'
import { ensureBuild, ROOT } from '../e2e/harness.ts'
import { formatTable, verdict, type Metric } from './lib/report.ts'
import { writeResult } from './lib/results.ts'
import { watchHeaps } from './lib/soak.ts'
import { adaptersScenario } from './scenarios/adapters.ts'
import { bundleScenario } from './scenarios/bundle.ts'
import { controlLatencyScenario } from './scenarios/control-latency.ts'
import { fanoutScenario } from './scenarios/fanout.ts'
import { hostileScenario } from './scenarios/hostile.ts'
import { map3dScenario } from './scenarios/map3d.ts'
import { overviewScenario } from './scenarios/overview.ts'
import { pagesScenario } from './scenarios/pages.ts'
import type { BenchContext, HeapWatch, Scenario } from './scenarios/types.ts'

// One line each; the first is the headline (switch → first frame, every pair of pages).
const SCENARIOS: Scenario[] = [
  controlLatencyScenario,
  bundleScenario,
  adaptersScenario,
  overviewScenario(7680, 2160),
  hostileScenario,
  fanoutScenario,
  pagesScenario(7680, 2160),
  // Last: it hands its rotating page over to the heap watch, which must not overlap a timing scenario.
  map3dScenario,
]

function minutesFromEnv(): number {
  const minutes = Number(process.env.BENCH_MINUTES ?? 10)
  return Number.isFinite(minutes) && minutes >= 1 ? Math.floor(minutes) : 10
}

async function main(): Promise<void> {
  ensureBuild()
  const only = process.env.BENCH_ONLY?.split(',').map(id => id.trim()).filter(Boolean)
  const selected = only ? SCENARIOS.filter(scenario => only.some(id => scenario.id.startsWith(id))) : SCENARIOS
  const context: BenchContext = {
    root: ROOT,
    minutes: minutesFromEnv(),
    log: line => process.stderr.write(`[bench] ${line}\n`),
  }
  const startedAt = new Date()
  const metrics: Metric[] = []
  const details: Record<string, unknown> = {}
  const failures: string[] = []
  const fail = (id: string, error: unknown): void => {
    const message = error instanceof Error ? error.stack ?? error.message : String(error)
    failures.push(`${id}: ${message}`)
    context.log(`${id} failed: ${message}`)
  }
  const watches: HeapWatch[] = []
  for (const scenario of selected) {
    context.log(`${scenario.id}: ${scenario.title}`)
    try {
      const result = await scenario.run(context)
      metrics.push(...result.metrics)
      details[scenario.id] = result.details
      if (result.heapWatch)
        watches.push(result.heapWatch)
    }
    catch (error) {
      fail(scenario.id, error)
    }
  }
  for (const scenario of selected) {
    if (!scenario.openHeapWatch || failures.some(failure => failure.startsWith(`${scenario.id}:`)))
      continue
    try {
      context.log(`${scenario.id}: opening a page for the heap watch`)
      watches.push(await scenario.openHeapWatch(context))
    }
    catch (error) {
      fail(`${scenario.id} (heap)`, error)
    }
  }
  if (watches.length > 0) {
    const heapDetails: Record<string, unknown> = {}
    for (const watched of await watchHeaps(watches, context.minutes, context.log)) {
      metrics.push(...watched.metrics)
      heapDetails[watched.scenario] = { samples: watched.samples, errors: watched.errors }
      if (watched.failure)
        fail(`${watched.scenario} (heap)`, new Error(watched.failure))
    }
    details.heap = heapDetails
  }
  // The heap rows come last; print every scenario's rows together, in the order they ran.
  const order = [...new Set(metrics.map(metric => metric.scenario.split('/')[0]))]
  metrics.sort((a, b) => order.indexOf(a.scenario.split('/')[0]) - order.indexOf(b.scenario.split('/')[0]))

  const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg().map(load => load.toFixed(2)).join(' ')}`
  process.stdout.write(`\nCommand Wall benchmark — ${startedAt.toISOString()} — BENCH_MINUTES=${context.minutes}\n${machine}\n\n`)
  process.stdout.write(`${formatTable(metrics)}\n`)
  if (failures.length > 0)
    process.stdout.write(`\nscenarios that could not run:\n  ${failures.map(failure => failure.split('\n')[0]).join('\n  ')}\n`)

  const file = writeResult('', startedAt, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    minutes: context.minutes,
    only: only ?? null,
    machine,
    node: process.version,
    metrics: metrics.map(metric => ({ ...metric, verdict: verdict(metric) || undefined })),
    failures,
    details,
  })
  process.stdout.write(`\nwritten: ${file}\n`)
  // A scenario that could not run at all is a broken benchmark, unlike a figure over budget.
  process.exitCode = failures.length > 0 ? 1 : 0
}

await main()
