/** What every panel is told of its data's age, for its frame's stale mark (the screens' useFreshness gives it). */
export interface PanelFreshness {
  /** the topic behind the panel is older than the wall allows */
  stale?: boolean
  /** ms since the topic arrived, while stale; null = never */
  ageMs?: number | null
}
