/** Props that many panels take alike, declared once. */

/** What every panel is told of its data's age, for its frame's stale mark (the screens' useFreshness gives it). */
export interface PanelFreshness {
  /** the topic behind the panel is older than the wall allows */
  stale?: boolean
  /** ms since the topic arrived, while stale; null = never */
  ageMs?: number | null
}

/** A panel of counters whose digits run to a new figure (PanelKpiValue). */
export interface CounterRun {
  /** digit run length, ms (0 in tests); default PanelKpiValue's */
  durationMs?: number
}
