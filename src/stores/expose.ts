/** A read-only window onto the feed for end-to-end tests and the bench; nothing on the wall reads it. */
import type { FeedStore } from './feed'

/** What `window.__wall.feed` offers. */
export interface ExposedFeed {
  readonly messagesAccepted: number
  readonly status: string
  readonly rejections: { readonly total: number }
  readonly lastMessageAt: number | null
}

/** Put `window.__wall.feed` in place, beside whatever else `window.__wall` already carries. */
export function exposeForTests(feed: FeedStore, target: object = globalThis): ExposedFeed {
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
