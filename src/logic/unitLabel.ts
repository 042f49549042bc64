/**
 * A unit's name where space is short (table rows, bar axes, court cards): the map's short Chinese
 * name (江苏, 兵团) or the English name, except the Corps, whose English name is far too long for a
 * row: it reads as the abbreviation the caller passes (i18n `rollcall.corps`: 兵团 / XPCC).
 */
import { CORPS_ID, UNIT_BY_ID } from '~/protocol'

export function unitLabel(unitId: string, locale: string, corps: string): string {
  if (unitId === CORPS_ID)
    return corps
  const unit = UNIT_BY_ID.get(unitId)
  if (!unit)
    return unitId
  return locale.toLowerCase().startsWith('zh') ? unit.short : unit.en
}
