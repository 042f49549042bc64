/**
 * The control channel (`/control-feed`): what the operator's terminal sends, what the server answers.
 *
 * control → server:  `command` — one state the operator wants ("show page X", "playlist item 3"), never a step;
 *                    `walls` — which page of the walls list it wants (from `offset`).
 * server → control:  `hello` first (the whole picture), then `state` on every wall-state change, `walls` every
 *                    couple of seconds, and one `ack` or `nack` per command. The walls list comes a page at a
 *                    time (`total` walls, this page from `offset`), so no number of walls can push a frame
 *                    past MAX_CONTROL_FRAME_BYTES.
 *
 * Membership checks (is this page registered? is this a known unit? is the dwell time sane?) are left to the
 * reducer in src/control/, so that the operator gets a precise error code rather than a generic "bad command".
 * Every frame carries `v: 1` like the wall feed. No Vue, no DOM: the server imports this module too.
 */
import * as v from 'valibot'
import { pageId, ROOM_LANGUAGES, wallStateSchema, type WallState } from './control'
import { describeIssues } from './decode'
import { PROTOCOL_VERSION } from './envelope'
import { wallStatusSchema } from './messages'
import { bilingual, epochMs } from './schema-parts'
import { MAX_TOURS, tourSummarySchema, type TourSummary } from './tours'

/** Upgrade path of the control channel (the walls use `/feed`). */
export const CONTROL_PATH = '/control-feed'

/**
 * Tokens travel as WebSocket sub-protocols, so they never land in a proxy's access log the way a query
 * string does. A control client offers `[SUBPROTOCOL, 'token.' + token]`, a wall with a viewer token
 * `[SUBPROTOCOL, 'view.' + token]`; the server always selects SUBPROTOCOL, so a token is never echoed
 * back in a response. `?token=` / `?view=` on the upgrade URL are accepted as a fallback for tools that
 * cannot set sub-protocols (and for tokens with characters a sub-protocol can't carry).
 */
export const SUBPROTOCOL = 'command-wall'
/** The control channel's sub-protocol: the same one as the walls' since the viewer token. */
export const CONTROL_SUBPROTOCOL = SUBPROTOCOL
export const TOKEN_PROTOCOL_PREFIX = 'token.'
export const VIEW_PROTOCOL_PREFIX = 'view.'

/** The sub-protocol list a control client passes to `new WebSocket(url, protocols)`. */
export function controlProtocols(token: string): string[] {
  return [SUBPROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]
}

/** The sub-protocol list a wall with a viewer token passes to `new WebSocket(url, protocols)`. */
export function viewProtocols(token: string): string[] {
  return [SUBPROTOCOL, `${VIEW_PROTOCOL_PREFIX}${token}`]
}

/** Control frames are small: a full playlist of 50 items is about 2 KiB. */
export const MAX_CONTROL_FRAME_BYTES = 16 * 1024

/** The page a focusUnit command shows when it names none. */
export const FOCUS_PAGE_ID = 'province'

/** Why a command was refused; the control terminal maps each code to an i18n key. */
export const CONTROL_ERROR_CODES = [
  /** not a valid command frame (shape, type, JSON, binary) */
  'badCommand',
  /** the page id is not in the pages registry */
  'unknownPage',
  /** the unit id is not one of the 32 court units */
  'unknownUnit',
  /** expectRevision differs from the server's revision: the state changed meanwhile */
  'staleRevision',
  /** dwell time not a whole number of seconds within MIN_DWELL_SEC..MAX_DWELL_SEC */
  'badDwell',
  /** playlist longer than MAX_PLAYLIST_ITEMS */
  'tooManyItems',
  /** start, resume or skip with no playlist items */
  'emptyPlaylist',
  /** skip to an index outside the playlist */
  'badIndex',
  /** roll-call court count outside 1..MAX_ROLL_CALL_COURTS */
  'badCount',
  /** banner longer than MAX_BANNER_CHARS after cleaning */
  'bannerTooLong',
  /** more commands than the rate limit allows */
  'rateLimited',
  /** the server could not write the state or the audit log; nothing changed */
  'persistFailed',
  /** the tour id is not one of the tours the server loaded from config/tours/ */
  'unknownTour',
  /** pause, resume, step or stop with no tour on the wall, or a step outside the tour */
  'noTour',
  /** broker mode (NATS_URL): the shared wall state cannot be reached now; nothing changed */
  'brokerUnavailable',
] as const
export type ControlErrorCode = typeof CONTROL_ERROR_CODES[number]

// Loose on purpose: a well-formed but unregistered id must reach the reducer to be answered 'unknownPage'.
const pageRef = v.pipe(v.string(), v.maxLength(64))
const unitRef = v.pipe(v.string(), v.maxLength(16))

export const controlCommandSchema = v.variant('kind', [
  /** show this page (pauses a running playlist: the operator overrides it) */
  v.strictObject({ kind: v.literal('showPage'), page: pageRef }),
  /** show this unit on the focus page (also pauses a running playlist) */
  v.strictObject({ kind: v.literal('focusUnit'), unitId: unitRef, page: v.optional(pageRef, FOCUS_PAGE_ID) }),
  /** the playlist is now these items */
  v.strictObject({
    kind: v.literal('setPlaylist'),
    items: v.array(v.strictObject({ page: pageRef, dwellSec: v.number() })),
  }),
  /** the playlist runs, from its first item (no change when already running) */
  v.strictObject({ kind: v.literal('playlistStart') }),
  /** the playlist holds where it is */
  v.strictObject({ kind: v.literal('playlistPause') }),
  /** the playlist runs again from where it was held, with the time that was left */
  v.strictObject({ kind: v.literal('playlistResume') }),
  /** the playlist shows item `index` (running or held as it was) */
  v.strictObject({ kind: v.literal('playlistSkipTo'), index: v.pipe(v.number(), v.integer()) }),
  /** the wall shows the calm standby screen (true) or its page (false) */
  v.strictObject({ kind: v.literal('setBlackout'), on: v.boolean() }),
  /** the one-line announcement is this plain text; null (or only blanks) clears it */
  v.strictObject({ kind: v.literal('setBanner'), text: v.nullable(v.string()) }),
  /** turn the 3D map's slow camera rotation on or off */
  v.strictObject({ kind: v.literal('setRotation'), on: v.boolean() }),
  /** draw `count` courts at random for the 随机抽查 page: a new draw each time */
  v.strictObject({ kind: v.literal('drawRollCall'), count: v.pipe(v.number(), v.integer()) }),
  /** every wall speaks this language; null hands each wall back to its own default */
  v.strictObject({ kind: v.literal('setLanguage'), language: v.nullable(v.picklist(ROOM_LANGUAGES)) }),
  /** the guided tour `tourId` runs from its first step (holds a running playlist) */
  v.strictObject({ kind: v.literal('tourStart'), tourId: v.pipe(v.string(), v.maxLength(40)) }),
  /** the tour holds on its step */
  v.strictObject({ kind: v.literal('tourPause') }),
  /** the tour runs again with the time that was left on its step */
  v.strictObject({ kind: v.literal('tourResume') }),
  /** the tour shows step `index` (0-based; running or held as it was): forward and back are index ± 1 */
  v.strictObject({ kind: v.literal('tourStepTo'), index: v.pipe(v.number(), v.integer()) }),
  /** no tour on the wall; the page stays */
  v.strictObject({ kind: v.literal('tourStop') }),
])
/** A command as the server sees it after decoding (defaults filled in). */
export type ControlCommand = v.InferOutput<typeof controlCommandSchema>
/** A command as a control client writes it (optional fields may be left out). */
export type ControlCommandInput = v.InferInput<typeof controlCommandSchema>
export type ControlCommandKind = ControlCommand['kind']

/** One command frame from the control terminal. */
export const controlRequestSchema = v.strictObject({
  v: v.literal(PROTOCOL_VERSION),
  type: v.literal('command'),
  /** chosen by the client; echoed in the ack/nack */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** apply only if the wall state is still at this revision (optimistic concurrency) */
  expectRevision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  command: controlCommandSchema,
})
export type ControlRequest = v.InferOutput<typeof controlRequestSchema>

/** Most walls one page of the walls list may carry (the server sends fewer, to fit its frame budget). */
export const MAX_WALLS_PER_FRAME = 64

/** The terminal asks for the page of the walls list starting at `offset`; it keeps getting that page. */
export const controlWallsRequestSchema = v.strictObject({
  v: v.literal(PROTOCOL_VERSION),
  type: v.literal('walls'),
  offset: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)),
})
export type ControlWallsRequest = v.InferOutput<typeof controlWallsRequestSchema>

/** A page the operator can pick, as listed by the pages registry. */
export const controlPageSchema = v.strictObject({
  id: pageId,
  title: bilingual,
})
export type ControlPage = v.InferOutput<typeof controlPageSchema>

/** One wall connected to /feed, with what it last reported about itself. */
export const wallClientSchema = v.strictObject({
  id: v.pipe(v.string(), v.maxLength(64)),
  /** remote address as the server saw it */
  address: v.pipe(v.string(), v.maxLength(64)),
  connectedAt: epochMs,
  /** last frame of any kind from this wall (its heartbeat, in effect) */
  lastSeenAt: epochMs,
  /** null until the wall sent its first `status` */
  status: v.nullable(wallStatusSchema),
})
export type WallClient = v.InferOutput<typeof wallClientSchema>

const walls = v.pipe(v.array(wallClientSchema), v.maxLength(MAX_WALLS_PER_FRAME))
/** every wall connected, of which `walls` is one page */
const wallCount = v.pipe(v.number(), v.integer(), v.minValue(0))
/** the index of the page's first wall in the whole list */
const wallsOffset = v.pipe(v.number(), v.integer(), v.minValue(0))

export const controlServerMessageSchema = v.variant('type', [
  v.strictObject({
    v: v.literal(PROTOCOL_VERSION),
    type: v.literal('hello'),
    /** server clock, so the terminal can show playlist progress without trusting its own clock */
    serverTime: epochMs,
    wallState: wallStateSchema,
    walls,
    wallCount,
    wallsOffset,
    pages: v.pipe(v.array(controlPageSchema), v.maxLength(64)),
    /** the guided tours the server loaded from config/tours/ */
    tours: v.optional(v.pipe(v.array(tourSummarySchema), v.maxLength(MAX_TOURS)), []),
  }),
  v.strictObject({
    v: v.literal(PROTOCOL_VERSION),
    type: v.literal('ack'),
    id: v.pipe(v.string(), v.maxLength(64)),
    /** the wall-state revision after this command (unchanged when the command changed nothing) */
    revision: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  v.strictObject({
    v: v.literal(PROTOCOL_VERSION),
    type: v.literal('nack'),
    /** null when the frame was too broken to carry an id */
    id: v.nullable(v.pipe(v.string(), v.maxLength(64))),
    code: v.picklist(CONTROL_ERROR_CODES),
    /** English detail for logs and tooltips; the terminal shows the i18n text of `code` */
    message: v.pipe(v.string(), v.maxLength(500)),
    /** the server's current revision, so a 'staleRevision' can be retried knowingly */
    revision: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  v.strictObject({
    v: v.literal(PROTOCOL_VERSION),
    type: v.literal('state'),
    serverTime: epochMs,
    wallState: wallStateSchema,
  }),
  v.strictObject({
    v: v.literal(PROTOCOL_VERSION),
    type: v.literal('walls'),
    serverTime: epochMs,
    walls,
    wallCount,
    wallsOffset,
  }),
])
export type ControlServerMessage = v.InferOutput<typeof controlServerMessageSchema>

// Line breaks become spaces (the banner is one line); other C0/C1 controls, bidi overrides and lone
// surrogates go, so a banner cannot reorder or hide its own text.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g
const INVISIBLE = /[\p{Cc}\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu

/**
 * Operator text as plain text: one line, no control characters, trimmed. HTML is left as it is — it is
 * text, and the wall renders it with text interpolation, so `<b>` shows as `<b>`.
 */
export function toPlainText(text: string): string {
  return text
    .normalize('NFC')
    .replace(LINE_BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim()
}

function byteLength(text: string): number {
  if (text.length * 3 <= MAX_CONTROL_FRAME_BYTES)
    return text.length
  return new TextEncoder().encode(text).length
}

function parseControlFrame(raw: unknown): { json: unknown } | { error: string } {
  if (typeof raw !== 'string')
    return { error: 'binary frames are not part of the protocol' }
  if (byteLength(raw) > MAX_CONTROL_FRAME_BYTES)
    return { error: `frame over ${MAX_CONTROL_FRAME_BYTES} bytes` }
  try {
    return { json: JSON.parse(raw) }
  }
  catch {
    return { error: 'not JSON' }
  }
}

/** Decode a frame from a terminal on the server. A failure still carries the frame's id when one could be read. */
export function decodeControlRequest(raw: unknown):
  { ok: true, request: ControlRequest } | { ok: true, walls: ControlWallsRequest } | { ok: false, id: string | null, code: 'badCommand', message: string } {
  const parsed = parseControlFrame(raw)
  if ('error' in parsed)
    return { ok: false, id: null, code: 'badCommand', message: parsed.error }
  const wallsRequest = v.safeParse(controlWallsRequestSchema, parsed.json)
  if (wallsRequest.success)
    return { ok: true, walls: wallsRequest.output }
  const result = v.safeParse(controlRequestSchema, parsed.json)
  if (result.success)
    return { ok: true, request: result.output }
  const json = parsed.json
  const id = typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'string' && json.id.length <= 64
    ? json.id
    : null
  return { ok: false, id, code: 'badCommand', message: describeIssues(result.issues) }
}

/** Decode a frame from the server on the control terminal; null with a reason when it is not valid. */
export function decodeControlServerFrame(raw: unknown):
  { ok: true, message: ControlServerMessage } | { ok: false, message: string } {
  const parsed = parseControlFrame(raw)
  if ('error' in parsed)
    return { ok: false, message: parsed.error }
  const result = v.safeParse(controlServerMessageSchema, parsed.json)
  return result.success
    ? { ok: true, message: result.output }
    : { ok: false, message: describeIssues(result.issues) }
}

/** A command frame, as the control terminal sends it. */
export function controlCommandFrame(id: string, command: ControlCommandInput, expectRevision?: number): string {
  return JSON.stringify(expectRevision === undefined
    ? { v: PROTOCOL_VERSION, type: 'command', id, command }
    : { v: PROTOCOL_VERSION, type: 'command', id, expectRevision, command })
}
/** One page of the walls list: `walls` from `offset` of `wallCount` in all. */
export interface WallsPage {
  walls: readonly WallClient[]
  wallCount: number
  wallsOffset: number
}

/** A whole list (fewer than a page of walls) or one page of it. */
function asPage(walls: readonly WallClient[] | WallsPage): WallsPage {
  return 'walls' in walls ? walls : { walls, wallCount: walls.length, wallsOffset: 0 }
}

export function controlHelloFrame(serverTime: number, wallState: WallState, walls: readonly WallClient[] | WallsPage, pages: readonly ControlPage[], tours: readonly TourSummary[] = []): string {
  const page = asPage(walls)
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'hello', serverTime, wallState, walls: page.walls, wallCount: page.wallCount, wallsOffset: page.wallsOffset, pages, tours })
}
/** The terminal's request for the walls list from `offset` on. */
export function controlWallsRequestFrame(offset: number): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'walls', offset })
}
export function controlAckFrame(id: string, revision: number): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'ack', id, revision })
}
export function controlNackFrame(id: string | null, code: ControlErrorCode, message: string, revision: number): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'nack', id, code, message: message.slice(0, 500), revision })
}
export function controlStateFrame(serverTime: number, wallState: WallState): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'state', serverTime, wallState })
}
export function controlWallsFrame(serverTime: number, walls: readonly WallClient[] | WallsPage): string {
  const page = asPage(walls)
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'walls', serverTime, walls: page.walls, wallCount: page.wallCount, wallsOffset: page.wallsOffset })
}
