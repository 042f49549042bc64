/**
 * Every limit the server puts on what a client may cost it, in one place, each with its reason.
 * A centre can override the ones marked `configurable` in config/server.json's `limits` section
 * (e.g. a control room behind one NAT raises `feedConnectionsPerAddress`).
 */

export const DEFAULT_LIMITS = {
  /**
   * Wall connections (/feed) from one address at once. A wall PC runs one browser, a test rig a few;
   * a hundred is already a room of walls behind one NAT, and an attacker's thousand sockets stop here.
   */
  feedConnectionsPerAddress: 100,
  /**
   * Control terminals (/control-feed) from one address at once: an operator opens one or two tabs.
   */
  controlConnectionsPerAddress: 8,
  /**
   * Control connections opened per address per minute, authenticated or not: a reconnecting
   * terminal needs a handful; a token guesser needs thousands.
   */
  controlHandshakesPerMinute: 60,
  /**
   * Commands per second for one token across all its connections, and for one address across all
   * of its tokens: opening fifty connections must not multiply the operator's rate by fifty.
   */
  commandsPerSecondPerToken: 10,
  commandsPerSecondPerAddress: 20,
  /** Wrong tokens an address may present before it is locked out at all: typos happen. */
  lockoutFreeFailures: 5,
  /** The first lock-out; each further wrong token while counting doubles it, up to the maximum. */
  lockoutBaseMs: 1000,
  lockoutMaxMs: 15 * 60_000,
  /** A quiet address is forgiven its failures after this long. */
  lockoutForgetMs: 30 * 60_000,
  /** Addresses remembered by the lock-out and rate tables; the oldest is forgotten past this. */
  trackedAddresses: 10_000,
  /** One log line per kind of event in this window; the rest are counted in the next line. */
  logWindowMs: 10_000,
  /** Characters of client-supplied text a log line may carry (after escaping). */
  logTextChars: 120,
  /** The walls list is rebuilt at most this often (a status storm must not rebuild it per frame). */
  wallsMinIntervalMs: 250,
  /**
   * Walls listed in one control frame: with a full status each wall is about 260 bytes, so 40 stay
   * well under the terminal's 16 KiB frame limit. The terminal pages through the rest.
   */
  wallsPageSize: 40,
  /**
   * Bytes queued for a control terminal that does not read before its frames are skipped (walls
   * lists) or it is dropped (anything else): a terminal is never buffered for without bound.
   */
  controlMaxBufferedBytes: 256 * 1024,
  /** The audit log is rotated to control-audit.jsonl.1 … when it grows past this many bytes. */
  auditMaxBytes: 8 * 1024 * 1024,
  /** Rotated audit files kept beside the live one. */
  auditKeepFiles: 5,
} as const

export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number }

/** The limits a centre may set in config/server.json (`limits.<name>`). */
export const CONFIGURABLE_LIMITS = [
  'feedConnectionsPerAddress',
  'controlConnectionsPerAddress',
  'controlHandshakesPerMinute',
  'commandsPerSecondPerToken',
  'commandsPerSecondPerAddress',
  'lockoutFreeFailures',
  'lockoutMaxMs',
  'auditMaxBytes',
  'auditKeepFiles',
] as const satisfies readonly (keyof Limits)[]

export function resolveLimits(overrides: Partial<Record<keyof Limits, number>> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...overrides }
}
