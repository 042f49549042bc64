/**
 * A received WebSocket message as the protocol decoders take it, for both endpoints (`/feed` in
 * hub/hub.ts, `/control-feed` in control/endpoint.ts): a text frame as its string, a binary frame
 * as null. The decoders refuse anything but a string (`binaryFrame` on the feed, `badCommand` on the
 * control channel), so a binary frame is never read as text.
 */
import type { RawData } from 'ws'

export function frameText(data: RawData, isBinary: boolean): string | null {
  if (isBinary)
    return null
  if (Array.isArray(data))
    return Buffer.concat(data).toString('utf8')
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8')
}
