/**
 * Constants the wall, the server and the simulator share. Pure values: no Vue, no DOM, so
 * `server/` and `mock-server/` import them too.
 */

/** China Standard Time is UTC+8 all year (no daylight saving): every court works on Beijing time. */
export const CHINA_UTC_OFFSET_MS = 8 * 3_600_000

/** The IANA name of Beijing time, for Intl formatters: the wall reads clocks in it whatever the player's setting. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai'

/**
 * The simulator's seed when none is given (SEED, `upstream.seed`), also the first roll call's
 * draw: 13 March 2016, the day the campaign to basically solve enforcement difficulties began.
 */
export const DEFAULT_SEED = 20160313
