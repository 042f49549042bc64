/** Build frames. The server and tests use these so that every frame has the same envelope. */
import { PROTOCOL_VERSION } from './envelope'
import type { ClientMessage, SourceInfo, UpstreamStatus } from './messages'
import type { Topic, TopicPayload, TopicPayloads } from './topics'

export function snapshotFrame(seq: number, ts: number, source: SourceInfo, topics: Partial<TopicPayloads>, upstream?: UpstreamStatus): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'snapshot', seq, ts, source, topics, upstream })
}
export function patchFrame<T extends Topic>(seq: number, ts: number, topic: T, data: TopicPayload<T>): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'patch', seq, ts, topic, data })
}
export function heartbeatFrame(seq: number, ts: number, upstream?: UpstreamStatus): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'heartbeat', seq, ts, upstream })
}
export function errorFrame(seq: number, ts: number, code: string, message: string): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, type: 'error', seq, ts, code, message })
}
export function clientFrame(message: ClientMessage): string {
  return JSON.stringify(message)
}
