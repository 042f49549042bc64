/**
 * One indicator gauge: an arc filled to the value, green when the target is met, red when not,
 * with a gold tick at the target. The value text is drawn by the panel in DOM (crisp, and
 * readable by tests), so the chart carries only the arc.
 * No blur and no update animation: four gauges redrawn with a glow for 600 ms after each change
 * cost a wall of software rendering far more than the change is worth; the first draw still sweeps.
 */
import type { ChartSize, WallTheme } from './theme'

const START_ANGLE = 215
const END_ANGLE = -35
/** half the width of the target tick, in fractions of the scale */
const TICK_HALF = 0.006

/** A target is met at or above it: the 90% line passes at 90.0. */
export function indicatorMet(value: number, target: number): boolean {
  return value >= target
}

/**
 * The value as the gauge shows it: to a tenth of a percent, like its DOM reading. The panel draws
 * the arc again only when this changes, not on every payload that repeats the figure.
 */
export function gaugeShownValue(value: number): number {
  return Math.round(value * 10) / 10
}

/** What both rings share: the scale and its sweep, and none of a gauge's own pointer, ticks and texts. */
function ring(name: 'value' | 'target', radius: string) {
  return {
    type: 'gauge' as const,
    name,
    min: 0,
    max: 100,
    startAngle: START_ANGLE,
    endAngle: END_ANGLE,
    radius,
    center: ['50%', '56%'],
    axisTick: { show: false },
    splitLine: { show: false },
    axisLabel: { show: false },
    pointer: { show: false },
    anchor: { show: false },
    title: { show: false },
    detail: { show: false },
  }
}

export function buildGaugeOption(value: number, target: number, theme: WallTheme, size: ChartSize) {
  const met = indicatorMet(value, target)
  const colour = met ? theme.met : theme.notMet
  const width = Math.max(4, Math.round(Math.min(size.width, size.height) * 0.07))
  const t = Math.min(1, Math.max(0, target / 100))
  const clamped = Math.min(100, Math.max(0, value))
  return {
    animationDuration: 600,
    animationDurationUpdate: 0,
    series: [
      {
        ...ring('value', '84%'),
        progress: { show: true, width, roundCap: false, itemStyle: { color: colour } },
        axisLine: { lineStyle: { width, color: [[1, theme.track]] } },
        data: [{ value: clamped }],
      },
      {
        // The target: a gold tick on a thin outer ring, always visible above the filled arc.
        ...ring('target', '96%'),
        silent: true,
        axisLine: {
          lineStyle: {
            width: Math.max(3, Math.round(width * 0.9)),
            color: [[Math.max(0, t - TICK_HALF), 'rgba(0,0,0,0)'], [Math.min(1, t + TICK_HALF), theme.gold], [1, 'rgba(0,0,0,0)']],
          },
        },
        progress: { show: false },
        data: [{ value: target }],
      },
    ],
  }
}
