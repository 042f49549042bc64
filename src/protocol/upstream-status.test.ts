// The upstream-stale signal on the wire: optional on snapshots and heartbeats, strict when present.
import { describe, expect, it } from 'vitest'
import { decodeServerFrame } from './decode'
import { heartbeatFrame, snapshotFrame } from './encode'
import { MAX_UPSTREAM_REJECT_REASONS, type UpstreamStatus } from './messages'

const TS = Date.UTC(2026, 2, 5, 2, 0, 0)
const SOURCE = { name: 'hub', simulated: false, heartbeatMs: 2000 }
const stale: UpstreamStatus = { kind: 'http', state: 'stale', since: TS - 5000, reason: 'HTTP 503 from /api/national', rejected: { badPayload: 2, startThrew: 1 } }

describe('upstream status on the wire', () => {
  it('rides on heartbeats and snapshots, and is optional on both', () => {
    expect(decodeServerFrame(heartbeatFrame(3, TS, stale), TS).message).toEqual({ v: 1, type: 'heartbeat', seq: 3, ts: TS, upstream: stale })
    expect(decodeServerFrame(heartbeatFrame(3, TS), TS).message).toEqual({ v: 1, type: 'heartbeat', seq: 3, ts: TS })
    const snapshot = decodeServerFrame(snapshotFrame(0, TS, SOURCE, {}, stale), TS)
    expect(snapshot.message).toMatchObject({ type: 'snapshot', upstream: stale })
    expect(decodeServerFrame(snapshotFrame(0, TS, SOURCE, {}), TS).message).not.toHaveProperty('upstream')
  })

  it('rejects a frame whose upstream status is malformed, as any bad envelope', () => {
    const bad = (upstream: unknown) => decodeServerFrame(JSON.stringify({ v: 1, type: 'heartbeat', seq: 0, ts: TS, upstream }), TS)
    expect(bad({ ...stale, state: 'sleeping' }).rejections[0]?.reason).toBe('badEnvelope')
    expect(bad({ ...stale, extra: 1 }).rejections[0]?.reason).toBe('badEnvelope')
    expect(bad({ ...stale, rejected: { badPayload: -1 } }).rejections[0]?.reason).toBe('badEnvelope')
    expect(bad({ ...stale, reason: 'x'.repeat(201) }).rejections[0]?.reason).toBe('badEnvelope')
    const many = Object.fromEntries(Array.from({ length: MAX_UPSTREAM_REJECT_REASONS + 1 }, (_, i) => [`r${i}`, 1]))
    expect(bad({ ...stale, rejected: many }).rejections[0]?.reason).toBe('badEnvelope')
    expect(bad(stale).message).not.toBeNull()
  })
})
