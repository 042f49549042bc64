/**
 * The feed envelope: every frame on the wire, in both directions. See docs/protocol.md.
 * No Vue, no DOM: the server imports this module too.
 */

export const PROTOCOL_VERSION = 1

/** Frames larger than this are rejected unread, by the server and by the wall. */
export const MAX_FRAME_BYTES = 256 * 1024

/** WebSocket close codes the server uses, with the reason text it sends. */
export const CLOSE_CODES = {
  /** The client sent something that is not a valid protocol message. */
  protocolViolation: 4400,
  /** Control connection without a token, or with a wrong one. */
  unauthorized: 4401,
  /** Control connection from an origin the configuration does not allow. */
  forbiddenOrigin: 4403,
  /** The client sent more than the rate limit allows. */
  rateLimited: 4429,
  /** A frame larger than MAX_FRAME_BYTES (standard code). */
  tooBig: 1009,
  /** Server going down for restart (standard code). */
  goingAway: 1001,
} as const

/** Why a frame was rejected. Counted per reason on the wall's diagnostics overlay. */
export type RejectReason =
  | 'binaryFrame'
  | 'oversized'
  | 'notJson'
  | 'badEnvelope'
  | 'unsupportedVersion'
  | 'unknownType'
  | 'unknownTopic'
  | 'badPayload'

export interface Rejection {
  reason: RejectReason
  /** human-readable detail: the failing path and check, e.g. "units[3].unitId: unknown unit 999999" */
  detail: string
  topic?: string
  /** wall-clock ms when it was rejected */
  at: number
}
