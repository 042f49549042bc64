/** Data age and staleness, as pure functions of the clock so they test without timers. */

/** ms since `receivedAt`, never negative (the wall's 1 s clock may lag a just-arrived frame); null when never received. */
export function ageMs(receivedAt: number | null | undefined, now: number): number | null {
  if (receivedAt === null || receivedAt === undefined)
    return null
  return Math.max(0, now - receivedAt)
}

/** True when the data is older than the threshold; data never received is not stale by age alone. */
export function isStale(age: number | null, thresholdMs: number): boolean {
  return age !== null && age > thresholdMs
}
