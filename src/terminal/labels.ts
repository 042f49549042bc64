/** Names and marks the terminal prints for pages and walls, in the terminal's language; unit names are in src/domain/units.ts. */
import { inLocale } from '~/domain/locale'
import type { ControlPage } from '~/protocol'

/**
 * A wall not heard from for longer than this is marked silent: a live wall reports its status
 * every 5 s (STATUS_REPORT_MS in src/stores/feed.ts), so this is two missed reports.
 */
export const SILENT_AFTER_MS = 10_000

/** A page's title from the pages registry (as the server lists it); its id when the page is unknown. */
export function pageTitle(pageId: string, pages: readonly ControlPage[], locale: string): string {
  const page = pages.find(candidate => candidate.id === pageId)
  return page ? inLocale(page.title, locale) : pageId
}
