/** Small statistics helpers for the benchmark. */

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length
}

/** Nearest-rank percentile (p in 0–100) of unsorted values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0)
    return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? null
}

export function median(values: readonly number[]): number | null {
  return percentile(values, 50)
}

export function max(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values)
}
