/**
 * Names of court units as the wall prints them: the short Chinese name used on the map (北京, 内蒙古)
 * or the English one. They come with the unit data (src/data/provinces.json), in both languages.
 */
import { NO_DATA_REGIONS, UNIT_BY_ID } from '~/protocol'
import { MAP_NAME_BY_ID } from './heatmap'

const NO_DATA_EN = new Map(NO_DATA_REGIONS.map(r => [String(r.adcode), r.en]))

/** A unit id ('110000', 'XPCC') or a no-data region's adcode → its display name; unknown ids print as given. */
export function unitName(id: string, locale: string): string {
  const chinese = locale.toLowerCase().startsWith('zh')
  const unit = UNIT_BY_ID.get(id)
  if (unit)
    return chinese ? unit.short : unit.en
  const region = chinese ? MAP_NAME_BY_ID.get(id) : NO_DATA_EN.get(id)
  return region ?? id
}
