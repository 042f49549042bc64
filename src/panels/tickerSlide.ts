import type { InquiryStats } from '~/protocol'

type TickerEntry = InquiryStats['ticker'][number]

/** Whether two ticker entries say the same thing (each message decodes fresh objects). */
export function sameEntry(a: TickerEntry, b: TickerEntry): boolean {
  return a.id === b.id && a.at === b.at && a.unitId === b.unitId && a.agency === b.agency
    && a.assetKind === b.assetKind && a.action === b.action && a.amount === b.amount
}

/**
 * How many rows came in on top of a list kept newest first: the new position of the row that was on
 * top before. 0 when nothing came in, when the list was empty, and when every row is new (the old
 * top row is gone: the list is replaced, not slid).
 */
export function newRowsOnTop(previousTopId: string | undefined, ids: readonly string[]): number {
  if (previousTopId === undefined)
    return 0
  return Math.max(0, ids.indexOf(previousTopId))
}
