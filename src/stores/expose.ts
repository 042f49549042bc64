/**
 * The wall's read-only diagnostics, `window.__wall.feed`: the counters the diagnostics overlay shows
 * (messages accepted, status, rejections, the last message's time), for end-to-end tests and the
 * benchmark. Nothing on the wall reads it, and nothing written to it reaches the store.
 *
 * It is there only when asked for: in a dev build (`vite`), or when the page is told before its
 * scripts run by setting `window.__wallDiagnostics = true` (the e2e harness and the bench do this
 * with an init script, see `e2e/harness.ts` launchBrowser). A production wall carries no such handle.
 */
import type { FeedStore } from './feed'

/** What `window.__wall.feed` offers. */
export interface ExposedFeed {
  readonly messagesAccepted: number
  readonly status: string
  readonly rejections: { readonly total: number }
  readonly lastMessageAt: number | null
}

/** The global that asks for the diagnostics in a production build. */
export const DIAGNOSTICS_FLAG = '__wallDiagnostics'

/** Whether to expose the diagnostics: a dev build, or a page that set `window.__wallDiagnostics = true`. */
export function diagnosticsWanted(target: object = globalThis, dev: boolean = import.meta.env.DEV): boolean {
  return dev || (target as Record<string, unknown>)[DIAGNOSTICS_FLAG] === true
}

/** Put `window.__wall.feed` in place, beside whatever else `window.__wall` already carries. */
export function exposeDiagnostics(feed: FeedStore, target: object = globalThis): ExposedFeed {
  const exposed: ExposedFeed = Object.freeze({
    get messagesAccepted() {
      return feed.messagesAccepted
    },
    get status() {
      return feed.status
    },
    rejections: Object.freeze({
      get total() {
        return feed.rejections.total
      },
    }),
    get lastMessageAt() {
      return feed.lastMessageAt
    },
  })
  const holder = target as { __wall?: Record<string, unknown> }
  holder.__wall = { ...holder.__wall, feed: exposed }
  return exposed
}
