import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../hub/config.ts'
import { createUpstream, UPSTREAM_KINDS, UpstreamConfigError } from './index.ts'

function configFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'upstream-config-')), 'server.json')
  writeFileSync(file, JSON.stringify({ host: '127.0.0.1', port: 0, heartbeatMs: 2000, dataDir: './data', upstream: { kind: 'simulator', seed: 1, messagesPerSecond: 2 } }))
  return file
}

describe('choosing the upstream', () => {
  it('knows five kinds, one line each', () => {
    expect(Object.keys(UPSTREAM_KINDS)).toEqual(['simulator', 'http', 'feed', 'replay', 'nats'])
  })

  it('takes NATS_URL, HUB_ID and NATS_REPLICAS for broker mode, and UPSTREAM=nats only with NATS_URL', () => {
    const file = configFile()
    expect(loadConfig({ file, env: {} }).broker).toBeUndefined()
    expect(loadConfig({ file, env: { NATS_URL: 'nats://10.0.0.5:4222', HUB_ID: 'hub-b', NATS_REPLICAS: '3', UPSTREAM: 'nats' } })).toMatchObject({
      broker: { url: 'nats://10.0.0.5:4222', hubId: 'hub-b', replicas: 3 },
      upstream: { kind: 'nats' },
    })
    expect(loadConfig({ file, env: { PEER_HUBS: 'http://10.0.0.2:8080, HTTP://Hub-C:8080' } }).peers).toEqual(['http://10.0.0.2:8080', 'http://hub-c:8080'])
    expect(() => loadConfig({ file, env: { PEER_HUBS: 'http://x:1;script-src *' } })).toThrow('each must be http(s)://host:port')
    expect(() => loadConfig({ file, env: { UPSTREAM: 'nats' } })).toThrow('upstream.kind: nats takes its data from NATS: set NATS_URL too')
    expect(() => loadConfig({ file, env: { NATS_URL: 'http://10.0.0.5' } })).toThrow(/broker\.url: must be nats:\/\/host:port .*from environment NATS_URL/)
  })

  it('takes UPSTREAM, UPSTREAM_URL, REPLAY_FILE and REPLAY_SPEED from the environment, dropping the file\'s simulator settings', () => {
    const file = configFile()
    expect(loadConfig({ file, env: { UPSTREAM: 'http', UPSTREAM_URL: 'http://127.0.0.1:8090' } }).upstream).toEqual({ kind: 'http', url: 'http://127.0.0.1:8090' })
    expect(loadConfig({ file, env: { UPSTREAM: 'replay', REPLAY_FILE: 'rec.jsonl.gz', REPLAY_SPEED: '2.5' } }).upstream).toEqual({ kind: 'replay', file: 'rec.jsonl.gz', speed: 2.5 })
    expect(() => loadConfig({ file, env: { UPSTREAM: 'replay', REPLAY_SPEED: 'fast' } })).toThrow('environment REPLAY_SPEED="fast": not a number')
  })

  it('never shows credentials of an upstream URL on the walls', async () => {
    const http = await createUpstream({ kind: 'http', url: 'https://wall:secret@stats.example/base?key=k' })
    expect(http.info.name).toBe('http mock-server https://stats.example/base')
  })

  it('builds the kind chosen, or says clearly what is wrong', async () => {
    const http = await createUpstream({ kind: 'http', url: 'http://127.0.0.1:8090' })
    expect(http.info).toEqual({ name: 'http mock-server http://127.0.0.1:8090', simulated: false })
    expect(http.stats?.().health).toEqual({ ok: true })
    const replay = await createUpstream({ kind: 'replay', file: 'mock-server/recordings/working-morning.jsonl.gz' })
    expect(replay.info).toEqual({ name: 'Replay working-morning.jsonl.gz (Simulator (seed 20160313))', simulated: true })
    await expect(createUpstream({ kind: 'http', url: 'http://x', extra: 1 })).rejects.toThrow(UpstreamConfigError)
    await expect(createUpstream({ kind: 'kafka' })).rejects.toThrow('upstream.kind "kafka" is not one of: simulator, http, feed, replay')
  })
})
