/**
 * The wall state the server owns, and the commands an operator sends to change it.
 * Commands are states ("show page X"), never steps ("next"): repeating one does no harm.
 */
import * as v from 'valibot'
import { DEFAULT_SEED } from '../domain/constants'
import { pageId, unitId } from './schema-parts'
import { tourStateSchema } from './tours'

/** The languages the operator can set for the whole room. */
export const ROOM_LANGUAGES = ['zh-CN', 'en'] as const
export type RoomLanguage = typeof ROOM_LANGUAGES[number]

export { pageId } from './schema-parts'

export const MIN_DWELL_SEC = 5
export const MAX_DWELL_SEC = 3600
export const MAX_BANNER_CHARS = 140
export const MAX_PLAYLIST_ITEMS = 50
export const MAX_ROLL_CALL_COURTS = 30
export const DEFAULT_ROLL_CALL_COURTS = 12

/** The current random roll call (随机抽查): which draw the wall shows. The courts come in the 'rollcall.courts' topic. */
export const rollCallStateSchema = v.strictObject({
  /** changes with every draw; the 'rollcall.courts' payload names the draw it belongs to */
  drawId: v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/, 'bad draw id')),
  count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ROLL_CALL_COURTS)),
  /** the draw's seed: the same seed draws the same courts */
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xFFFFFFFF)),
  drawnAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
})

export const playlistItemSchema = v.strictObject({
  page: pageId,
  dwellSec: v.pipe(v.number(), v.finite(), v.integer(), v.minValue(MIN_DWELL_SEC), v.maxValue(MAX_DWELL_SEC)),
})

export const playlistSchema = v.strictObject({
  items: v.pipe(v.array(playlistItemSchema), v.maxLength(MAX_PLAYLIST_ITEMS)),
  /** running = advancing on its own; paused = holding at index */
  running: v.boolean(),
  index: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** epoch ms when the current item started showing (running) */
  itemStartedAt: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
  /** ms left on the current item when paused */
  remainingMs: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
})

export const wallStateSchema = v.strictObject({
  /** increases by one with every accepted command */
  revision: v.pipe(v.number(), v.integer(), v.minValue(0)),
  page: pageId,
  /** the unit shown by the province-focus page */
  focusUnitId: v.nullable(unitId),
  playlist: playlistSchema,
  blackout: v.boolean(),
  /** one-line announcement; plain text, never HTML */
  banner: v.nullable(v.pipe(v.string(), v.maxLength(MAX_BANNER_CHARS))),
  /** the 3D map's camera turns slowly on its own; the operator can stop it */
  rotate3d: v.optional(v.boolean(), true),
  /** the roll call the 随机抽查 page shows */
  rollCall: v.optional(rollCallStateSchema, { drawId: 'initial', count: DEFAULT_ROLL_CALL_COURTS, seed: DEFAULT_SEED, drawnAt: 0 }),
  /** the language every wall speaks; null: each wall's own default (config/wall.json). `?lang=` on a wall still wins */
  language: v.optional(v.nullable(v.picklist(ROOM_LANGUAGES)), null),
  /** the guided tour on the wall, or null */
  tour: v.optional(v.nullable(tourStateSchema), null),
  /** epoch ms of the last change */
  updatedAt: v.pipe(v.number(), v.finite(), v.minValue(0)),
})

export type WallState = v.InferOutput<typeof wallStateSchema>
export type PlaylistItem = v.InferOutput<typeof playlistItemSchema>
export type RollCallState = v.InferOutput<typeof rollCallStateSchema>
