/** Benchmark figures, their budgets, and the printed table. */

/** One measured figure. */
export interface Metric {
  /** scenario id, e.g. "overview-7680" */
  scenario: string
  /** what was measured, e.g. "main thread per message p95" */
  name: string
  /** null when it could not be measured (the note says why) */
  value: number | null
  unit: string
  /** the figure must stay at or below this to PASS */
  budget?: number
  /** extra context shown beside the figure */
  note?: string
}

export type Verdict = 'PASS' | 'OVER' | 'n/a' | ''

export function verdict(metric: Metric): Verdict {
  if (metric.budget === undefined)
    return ''
  if (metric.value === null)
    return 'n/a'
  return metric.value <= metric.budget ? 'PASS' : 'OVER'
}

function formatValue(value: number | null, unit: string): string {
  if (value === null)
    return '—'
  if (Number.isInteger(value) && unit === '')
    return String(value)
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${unit}`.trim()
}

/** A plain-text table, one row per figure, budgets and verdicts beside them. */
export function formatTable(metrics: readonly Metric[]): string {
  const header = ['scenario', 'figure', 'value', 'budget', 'verdict', 'note']
  const rows = metrics.map(metric => [
    metric.scenario,
    metric.name,
    formatValue(metric.value, metric.unit),
    metric.budget === undefined ? '' : `≤ ${formatValue(metric.budget, metric.unit)}`,
    verdict(metric),
    metric.note ?? '',
  ])
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  return [line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(line)].join('\n')
}
