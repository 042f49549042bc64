/**
 * A chart option in two weights, for BaseChart: the whole option when the layout changes (size,
 * type scale, language) or before the chart has drawn, and only the data arrays when a feed message
 * arrives, so an update merges a few arrays into the live chart instead of a whole option.
 */
import { shallowRef, watch, type ShallowRef, type WatchSource } from 'vue'

export interface PatchedOptionSources<Full, Data> {
  /** the whole option, from the current props */
  full: () => Full
  /** only the arrays the payload changes, from the current props */
  data: () => Data
  /** the payload; null while the panel waits (BaseChart is not mounted then) */
  payload: WatchSource<unknown>
  /** everything else the option depends on: size, type scale, locale */
  layout: WatchSource<unknown>
}

export interface PatchedOption<Full, Data> {
  /** pass to BaseChart's `option` */
  option: ShallowRef<Full | Data>
  /** call from BaseChart's `resize` event: the chart exists and holds a whole option */
  drawn: () => void
}

export function usePatchedOption<Full, Data>(sources: PatchedOptionSources<Full, Data>): PatchedOption<Full, Data> {
  const option = shallowRef<Full | Data>(sources.full())
  // A chart mounted after a data-only option would have no axes: only a drawn chart gets patches.
  let isDrawn = false
  watch(sources.layout, () => {
    option.value = sources.full()
  })
  watch(sources.payload, (payload) => {
    if (payload === null || payload === undefined) {
      // the chart unmounts while the panel waits; the next one starts from a whole option
      isDrawn = false
      option.value = sources.full()
      return
    }
    option.value = isDrawn ? sources.data() : sources.full()
  })
  return {
    option,
    drawn: () => {
      isDrawn = true
    },
  }
}
