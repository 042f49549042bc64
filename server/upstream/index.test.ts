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
  it('knows four kinds, one line each', () => {
    expect(Object.keys(UPSTREAM_KINDS)).toEqual(['simulator', 'http', 'feed', 'replay'])
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
