/**
 * Every limit of the upstream adapters, with its reason. Adapters take these as defaults; tests
 * pass smaller ones.
 */

/** An HTTP request that has not answered in this long is abandoned: a poll must not pile up behind a hung system. */
export const HTTP_TIMEOUT_MS = 5_000
/** After a failure a topic is polled again after its interval × 2^failures, up to this, so a down system is not hammered. */
export const HTTP_MAX_BACKOFF_MS = 60_000
/** A paged list stops after this many pages: a system that never says "last page" must not keep the adapter busy forever. */
export const HTTP_MAX_PAGES = 50
/** A response body over this is refused before parsing; the feed's own frame limit is far smaller. */
export const HTTP_MAX_BODY_BYTES = 4 * 1024 * 1024

/** First reconnect delay of the feed adapter; doubles up to the maximum, with jitter so chained hubs do not reconnect in step. */
export const FEED_RECONNECT_MIN_MS = 500
export const FEED_RECONNECT_MAX_MS = 30_000
/** The upstream hub sends a heartbeat at least every heartbeatMs; silence for this many of them means the link is dead. */
export const FEED_SILENT_HEARTBEATS = 3
/** How long start-up waits for the upstream hub's first snapshot to learn its name and simulated flag. */
export const FEED_FIRST_SNAPSHOT_MS = 5_000

/** A recording's line over this is refused: it could not be sent as a feed frame anyway. */
export const REPLAY_MAX_LINE_BYTES = 1024 * 1024
/** The pause between the last entry of a recording and the first of its next loop, in recorded time. */
export const REPLAY_LOOP_GAP_MS = 1_000
/** REPLAY_SPEED bounds: slower than a tenth is a still picture, faster than 100× floods the walls. */
export const REPLAY_MIN_SPEED = 0.1
export const REPLAY_MAX_SPEED = 100

/** One log line per kind of dropped payload per this period, with a count of the rest (as the hub does). */
export const DROP_LOG_EVERY_MS = 10_000
