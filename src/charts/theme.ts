/**
 * Colours and fonts of the wall, shared by the CSS (src/styles/tokens.css mirrors these) and
 * every chart option builder. Builders take the theme as an argument so tests can pin it.
 */
import type { MilestoneStatus } from '~/protocol'

export interface WallTheme {
  fontFamily: string
  text: string
  textDim: string
  /** the cyan accent: borders, highlights, met targets */
  accent: string
  /** the gold accent: targets, the corps callout, today */
  gold: string
  met: string
  notMet: string
  /** track of a gauge, grid lines */
  track: string
  panelBg: string
  /** map areas: low → high */
  heatRamp: readonly string[]
  /** map areas drawn but without figures (台湾, 香港, 澳门) */
  noDataFill: string
  noDataStripe: string
  mapBorder: string
  /** areas outside the data (南海诸岛 inset) */
  mapNeutral: string
  milestone: Record<MilestoneStatus, string>
}

export const WALL_THEME: WallTheme = {
  fontFamily: '"Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
  text: '#e6f4ff',
  textDim: '#8fb3d9',
  accent: '#2fd6ff',
  gold: '#ffc94d',
  met: '#2fe0a8',
  notMet: '#ff6b5a',
  track: 'rgba(120, 170, 230, 0.18)',
  panelBg: 'rgba(6, 24, 58, 0.55)',
  heatRamp: ['#0d3a73', '#1565b5', '#1f9bd8', '#3fd1f0', '#ffd36b'],
  noDataFill: '#3a4556',
  noDataStripe: 'rgba(200, 210, 225, 0.35)',
  mapBorder: 'rgba(140, 220, 255, 0.75)',
  mapNeutral: '#14305a',
  milestone: {
    done: '#2fe0a8',
    inProgress: '#ffc94d',
    upcoming: '#6f8fbf',
    overdue: '#ff5a4f',
  },
}

/** A '#rrggbb' theme colour with an alpha: withAlpha(theme.accent, 0.35) → 'rgba(47, 214, 255, 0.35)'. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1, 7), 16)
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
}

/** What a builder needs to know about the space it draws into. */
export interface ChartSize {
  width: number
  height: number
  /** body type size in px (from the wall's height: src/layout) */
  fontPx: number
}
