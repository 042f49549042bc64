import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createWallServer, type WallServer } from './hub/server.ts'
import { recordFeed } from './record.ts'
import { decodeRecording } from './upstream/recording.ts'
import { createSimulatorUpstream } from './upstream/simulator.ts'

let server: WallServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('npm run record', () => {
  it('records a hub\'s topic payloads with their times to gzipped JSON lines that replay reads', async () => {
    server = createWallServer({ upstream: createSimulatorUpstream({ seed: 3, messagesPerSecond: 40 }), heartbeatMs: 500, port: 0, distDir: null, log: () => {} })
    const { port } = await server.listen()
    const out = join(mkdtempSync(join(tmpdir(), 'record-test-')), 'feed.jsonl.gz')
    const result = await recordFeed({ from: `ws://127.0.0.1:${port}/feed`, seconds: 1.2, out, log: () => {} })
    const bytes = readFileSync(out)
    expect([bytes[0], bytes[1]]).toEqual([0x1F, 0x8B])
    const recording = decodeRecording(bytes, 1e6)
    expect(recording.header.source).toEqual({ name: 'Simulator (seed 3)', simulated: true })
    expect(recording.header.note).toMatch(/^recorded from ws:\/\/127\.0\.0\.1:\d+\/feed for 1\.2 s$/)
    expect(recording.entries).toHaveLength(result.entries)
    const topics = new Set(recording.entries.map(e => e.topic))
    expect(topics.has('wall.state')).toBe(false)
    expect(topics.size).toBe(10)
    // the snapshot at 0, then patches as they came
    expect(recording.entries[0]?.offsetMs).toBe(0)
    expect(recording.entries.at(-1)?.offsetMs).toBeGreaterThan(500)
    expect(result.rejected).toBe(0)
  })

  it('fails clearly when the hub is not there', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'record-test-')), 'feed.jsonl')
    await expect(recordFeed({ from: 'ws://127.0.0.1:9/feed', seconds: 1, out, log: () => {} })).rejects.toThrow(/cannot record ws:\/\/127\.0\.0\.1:9\/feed/)
  })
})
