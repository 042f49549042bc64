/**
 * Names of court units as the wall and the terminal print them, in both languages. They come
 * with the unit data (src/data/provinces.json): the short Chinese name used on the map (北京,
 * 内蒙古) and the English one.
 */
import { CORPS_ID, NO_DATA_REGIONS, UNIT_BY_ID } from '~/protocol'
import { isChinese } from './locale'

const NO_DATA_BY_ID = new Map(NO_DATA_REGIONS.map(r => [String(r.adcode), r]))

/**
 * A unit id ('110000', 'XPCC') or a no-data region's adcode → its name: the short Chinese name or
 * the English one; unknown ids print as given.
 */
export function unitName(id: string, locale: string): string {
  const named = UNIT_BY_ID.get(id) ?? NO_DATA_BY_ID.get(id)
  if (!named)
    return id
  return isChinese(locale) ? named.short : named.en
}

/**
 * A unit's name where space is short (table rows, bar axes, court cards): as `unitName`, except
 * the Corps, whose English name is far too long for a row: it reads as the abbreviation the
 * caller passes (i18n `unit.corps`: 兵团 / XPCC).
 */
export function unitLabel(unitId: string, locale: string, corps: string): string {
  return unitId === CORPS_ID ? corps : unitName(unitId, locale)
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

/** The label on a unit's tile in the terminal: the short Chinese name, or the letter code in English. */
export function unitTileLabel(unitId: string, locale: string): string {
  return isChinese(locale) ? unitName(unitId, locale) : (UNIT_CODES[unitId] ?? unitId)
}
