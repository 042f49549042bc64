/**
 * Red-amber-green against a target, for the core indicators (三个90%、一个80%):
 * green at or above the target, amber up to AMBER_BAND_POINTS percentage points below it, red further below.
 * The wall's legend states the same rule (i18n `quality.rag.*`), so the colours never need explaining aloud.
 */
import { INDICATOR_IDS, type IndicatorId, type UnitStats } from '~/protocol'

export type Rag = 'green' | 'amber' | 'red'
export const RAGS: readonly Rag[] = ['green', 'amber', 'red']

/** How far below the target, in percentage points, still counts as amber (inclusive). */
export const AMBER_BAND_POINTS = 2

/**
 * The colour of a rate against its target; null when either is not a finite number (no colour
 * rather than a wrong one). Compared in hundredths of a point, so 88.0 against 90 is amber even when
 * floating point makes 90 − 2 a hair off.
 */
export function ragOf(value: number | null | undefined, target: number | null | undefined, band = AMBER_BAND_POINTS): Rag | null {
  if (typeof value !== 'number' || typeof target !== 'number' || !Number.isFinite(value) || !Number.isFinite(target))
    return null
  const shortfall = Math.round((target - value) * 100)
  if (shortfall <= 0)
    return 'green'
  return shortfall <= Math.round(band * 100) ? 'amber' : 'red'
}

/** The four targets, as `national.indicators.targets` carries them. */
export type IndicatorTargets = Record<IndicatorId, number>

export type RagCounts = Record<Rag, number>

/** Per indicator: how many units are green, amber and red. */
export function ragCounts(units: readonly UnitStats[], targets: IndicatorTargets): Record<IndicatorId, RagCounts> {
  const out = {} as Record<IndicatorId, RagCounts>
  for (const id of INDICATOR_IDS) {
    const counts: RagCounts = { green: 0, amber: 0, red: 0 }
    for (const unit of units) {
      const rag = ragOf(unit[id], targets[id])
      if (rag)
        counts[rag]++
    }
    out[id] = counts
  }
  return out
}

/** One row of the indicator ranking. */
export interface QualityRow {
  unitId: string
  rank: number
  /** indicators at or above their target, 0–4 */
  met: number
  /** sum of the points below target over the four indicators (0 when all are met) */
  shortfall: number
  cells: Record<IndicatorId, { value: number, rag: Rag | null }>
}

/**
 * Units ranked on the four core indicators: most targets met first, then the smallest total
 * shortfall, then the largest total margin above target; a tie keeps the feed's order, so rows do
 * not swap places on equal figures. Without targets every unit ranks by its margin over zero.
 */
export function rankByIndicators(units: readonly UnitStats[], targets: IndicatorTargets | null): QualityRow[] {
  return units
    .map((unit, index) => {
      let met = 0
      let shortfall = 0
      let margin = 0
      const cells = {} as QualityRow['cells']
      for (const id of INDICATOR_IDS) {
        const value = unit[id]
        const target = targets?.[id] ?? null
        const rag = ragOf(value, target)
        cells[id] = { value, rag }
        if (rag === 'green')
          met++
        if (target !== null) {
          shortfall += Math.max(0, target - value)
          margin += value - target
        }
        else {
          margin += value
        }
      }
      return { unitId: unit.unitId, met, shortfall, margin, cells, index }
    })
    .sort((a, b) => b.met - a.met || a.shortfall - b.shortfall || b.margin - a.margin || a.index - b.index)
    .map((row, i) => ({ unitId: row.unitId, rank: i + 1, met: row.met, shortfall: Math.round(row.shortfall * 100) / 100, cells: row.cells }))
}
