/** The inquiry ticker's rows: which entries are the same, and where each row sits in the list. */
import type { InquiryStats } from '~/protocol'

type TickerEntry = InquiryStats['ticker'][number]

/** Whether two ticker entries say the same thing (each message decodes fresh objects). */
export function sameEntry(a: TickerEntry, b: TickerEntry): boolean {
  return a.id === b.id && a.at === b.at && a.unitId === b.unitId && a.agency === b.agency
    && a.assetKind === b.assetKind && a.action === b.action && a.amount === b.amount
}

/**
 * Where the ticker's rows sit. Each row keeps its place in a tall list for as long as it is shown,
 * and the list is moved up by a row's height for every row that comes in on top: the rows already
 * there are neither laid out nor painted again, only the new ones are (the move is a transform,
 * which the compositor applies). Row `i` of the list (0 = newest) sits at place `top - i`,
 * counted in rows from the bottom of the list; places run up to `limit`, after which the list starts
 * again at the bottom and is painted whole once. Places are 1 or more.
 */
export interface TickerPlacement {
  /** the ids shown, newest first */
  ids: readonly string[]
  /** place of the newest row */
  top: number
  /** rows that came in on top of the rows kept: 0 for none and for a new start */
  added: number
}

/** The placement of `ids` after `previous`: kept rows keep their places where they can. */
export function placeTicker(previous: TickerPlacement | undefined, ids: readonly string[], limit: number): TickerPlacement {
  const restart = { ids, top: ids.length, added: 0 }
  if (!previous)
    return restart
  const kept = ids.findIndex(id => previous.ids.includes(id))
  if (kept < 0)
    return restart
  const before = previous.ids.indexOf(ids[kept]!)
  const top = previous.top - before + kept
  // past the last place, or the bottom row below the first one (rows taken off the top)
  if (top > limit || top - ids.length < 0)
    return restart
  return { ids, top, added: Math.max(0, kept - before) }
}
