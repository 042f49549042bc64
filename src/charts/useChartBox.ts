/**
 * The box a panel's chart is laid out in: its drawing size, fixed by a test or as BaseChart reports
 * it, and the wall's type size. `useChartOption` adds usePatchedOption's two weights of option.
 */
import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue'
import type { ChartSize } from './theme'
import { usePatchedOption } from './usePatchedOption'

/** The props of a panel that draws a chart. */
export interface ChartPanelProps {
  /** body type size in px, for the chart's labels */
  fontPx: number
  /** a fixed drawing size in px (tests); default: the chart's box */
  chartWidth?: number
  chartHeight?: number
}

type Size = Omit<ChartSize, 'fontPx'>

export interface ChartBox {
  /** what a builder lays the chart out in */
  box: ComputedRef<ChartSize>
  /** call from BaseChart's `resize` event */
  onResize: (size: Size) => void
}

/** `fallback`: the size to build with before the chart reports its own. */
export function useChartBox(props: ChartPanelProps, fallback: Size): ChartBox {
  const size: ShallowRef<Size> = shallowRef({ width: props.chartWidth ?? fallback.width, height: props.chartHeight ?? fallback.height })
  return {
    box: computed(() => ({ ...size.value, fontPx: props.fontPx })),
    onResize: (next) => {
      size.value = next
    },
  }
}

export interface ChartOptionSources<Full, Data> {
  /** the whole option, laid out in the box */
  full: (box: ChartSize) => Full
  /** only the arrays the payload changes */
  data: (box: ChartSize) => Data
  /** the payload, or what of it the chart draws; null while the panel waits (BaseChart is not mounted then) */
  payload: (box: ChartSize) => unknown
  /** what else the whole option depends on besides the box: names, locale */
  layout: () => unknown
}

/** A chart in a box (useChartBox) fed whole or by its data (usePatchedOption). */
export function useChartOption<Full, Data>(props: ChartPanelProps, fallback: Size, sources: ChartOptionSources<Full, Data>) {
  const { box, onResize } = useChartBox(props, fallback)
  const { option, drawn } = usePatchedOption({
    full: () => sources.full(box.value),
    data: () => sources.data(box.value),
    payload: () => sources.payload(box.value),
    layout: () => [box.value, sources.layout()],
  })
  return {
    option,
    onResize: (size: Size) => {
      onResize(size)
      drawn()
    },
  }
}
