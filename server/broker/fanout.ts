/**
 * Encode once: a hub serialises each patch and heartbeat one time, into bytes it sends unchanged to
 * every wall, instead of once per wall with that wall's own counter. Pure; the hub owns sockets.
 *
 * The sequence is the hub's, and the wall's rule stays as it is (docs/protocol.md §5: every frame
 * after a snapshot carries the last seq + 1):
 * - patches and heartbeats are broadcast to every wall, each taking the hub's next seq;
 * - a snapshot goes to one wall (on connect, on resync, after a slow wall drains) and carries the
 *   seq of the last broadcast frame without taking a new one, so that wall expects exactly the
 *   next broadcast frame. A wall that missed a broadcast frame sees the gap and asks for a resync.
 * - A wall that moves to another hub starts a new connection, and every connection starts with a
 *   snapshot: the new hub's seq replaces the old one's.
 *
 * Heartbeats are therefore hub-wide too: one when no patch went out for heartbeatMs. A slow wall
 * still gets no patch while its buffer is full; it owes a snapshot, built for it alone.
 *
 * The bytes are UTF-8 JSON. With `ws`, send them as a text frame: `socket.send(frame.bytes,
 * { binary: false })`; a binary frame is refused by the wall.
 */
import {
  heartbeatFrame,
  MAX_FRAME_BYTES,
  patchFrame,
  snapshotFrame,
  type SourceInfo,
  type Topic,
  type TopicPayload,
  type TopicPayloads,
  type UpstreamStatus,
} from '#protocol'

/** One frame, encoded once, to be sent as it is. */
export interface EncodedFrame {
  /** the seq it carries */
  seq: number
  /** UTF-8 JSON */
  bytes: Buffer
}

export interface FanoutEncoder {
  /**
   * The frame for every wall carrying this topic's new value, with the hub's next seq; null (and
   * the seq left as it was, so no wall sees a gap) when it would be over MAX_FRAME_BYTES.
   */
  patch: <T extends Topic>(topic: T, data: TopicPayload<T>, ts: number) => EncodedFrame | null
  /** the frame for every wall after a silence (or carrying news of the upstream), with the hub's next seq */
  heartbeat: (ts: number, upstream?: UpstreamStatus) => EncodedFrame
  /** a snapshot for one wall: the seq of the last broadcast frame, not a new one; null when too big */
  snapshot: (ts: number, source: SourceInfo, topics: Partial<TopicPayloads>, upstream?: UpstreamStatus) => EncodedFrame | null
  /** the seq of the last broadcast frame (0 before the first; the first broadcast carries 1) */
  readonly seq: number
}

export interface FanoutEncoderOptions {
  /** the seq to continue from; default 0 */
  startSeq?: number
  /** default MAX_FRAME_BYTES */
  maxFrameBytes?: number
}

export function createFanoutEncoder(options: FanoutEncoderOptions = {}): FanoutEncoder {
  const maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES
  let seq = options.startSeq ?? 0

  function fits(text: string): Buffer | null {
    const bytes = Buffer.from(text, 'utf8')
    return bytes.length > maxFrameBytes ? null : bytes
  }

  return {
    patch(topic, data, ts) {
      const bytes = fits(patchFrame(seq + 1, ts, topic, data))
      if (!bytes)
        return null
      seq++
      return { seq, bytes }
    },
    heartbeat(ts, upstream) {
      seq++
      return { seq, bytes: Buffer.from(heartbeatFrame(seq, ts, upstream), 'utf8') }
    },
    snapshot(ts, source, topics, upstream) {
      const bytes = fits(snapshotFrame(seq, ts, source, topics, upstream))
      return bytes && { seq, bytes }
    },
    get seq() {
      return seq
    },
  }
}
