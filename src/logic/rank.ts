/** Rows in order of a figure, biggest first: the rankings' one rule. */

/**
 * The rows by `value`, biggest first, at most `limit`; ties keep the feed's order (the sort is stable).
 */
export function rankBy<T>(rows: readonly T[], value: (row: T) => number, limit = Number.POSITIVE_INFINITY): T[] {
  return [...rows].sort((a, b) => value(b) - value(a)).slice(0, Math.max(0, limit))
}
