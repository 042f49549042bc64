/** Names and marks the terminal prints for pages, court units and walls, in the terminal's language. */
import { UNIT_BY_ID, type ControlPage } from '~/protocol'

/**
 * A wall not heard from for longer than this is marked silent: a live wall reports its status
 * every 5 s (STATUS_REPORT_MS in src/stores/feed.ts), so this is two missed reports.
 */
export const SILENT_AFTER_MS = 10_000

function isChinese(locale: string): boolean {
  return locale.toLowerCase().startsWith('zh')
}

/** A page's title from the pages registry (as the server lists it); its id when the page is unknown. */
export function pageTitle(pageId: string, pages: readonly ControlPage[], locale: string): string {
  const page = pages.find(candidate => candidate.id === pageId)
  if (!page)
    return pageId
  return isChinese(locale) ? page.title.zh : page.title.en
}

/** A court unit's short name: 北京 / Beijing; its id when unknown. */
export function unitLabel(unitId: string, locale: string): string {
  const unit = UNIT_BY_ID.get(unitId)
  if (!unit)
    return unitId
  return isChinese(locale) ? unit.short : unit.en
}

/** ISO 3166-2:CN letter codes: short enough for a finger-sized tile in English. */
const UNIT_CODES: Readonly<Record<string, string>> = {
  110000: 'BJ', 120000: 'TJ', 130000: 'HE', 140000: 'SX', 150000: 'NM',
  210000: 'LN', 220000: 'JL', 230000: 'HL',
  310000: 'SH', 320000: 'JS', 330000: 'ZJ', 340000: 'AH', 350000: 'FJ', 360000: 'JX', 370000: 'SD',
  410000: 'HA', 420000: 'HB', 430000: 'HN', 440000: 'GD', 450000: 'GX', 460000: 'HI',
  500000: 'CQ', 510000: 'SC', 520000: 'GZ', 530000: 'YN', 540000: 'XZ',
  610000: 'SN', 620000: 'GS', 630000: 'QH', 640000: 'NX', 650000: 'XJ',
  XPCC: 'XPCC',
}

/** The label on a unit's tile: the short Chinese name, or the letter code in English. */
export function unitTileLabel(unitId: string, locale: string): string {
  return isChinese(locale) ? unitLabel(unitId, locale) : (UNIT_CODES[unitId] ?? unitId)
}
