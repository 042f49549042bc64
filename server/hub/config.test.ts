import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig, REPO_ROOT } from './config.ts'

const dir = mkdtempSync(join(tmpdir(), 'wall-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, content: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

const base = {
  host: '127.0.0.1',
  port: 8080,
  heartbeatMs: 2000,
  dataDir: './data',
  upstream: { kind: 'simulator', seed: 1, messagesPerSecond: 2 },
}

describe('server configuration', () => {
  it('reads config/server.json from the repository root, wherever it is started', () => {
    expect(DEFAULT_CONFIG_FILE).toBe(join(REPO_ROOT, 'config', 'server.json'))
    const config = loadConfig({ env: {} })
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, upstream: { kind: 'simulator' } })
    expect(config.dataDir).toBe(join(REPO_ROOT, 'data'))
  })

  it('lets the environment override the file', () => {
    const config = loadConfig({
      file: file('ok.json', base),
      env: { PORT: '9000', HOST: '0.0.0.0', SEED: '77', FEED_RATE: '10', HEARTBEAT_MS: '500', DATA_DIR: '/var/lib/wall', UPSTREAM: 'simulator', SIM_CLOCK: '10:30' },
    })
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      heartbeatMs: 500,
      dataDir: '/var/lib/wall',
      upstream: { kind: 'simulator', seed: 77, messagesPerSecond: 10, clock: '10:30' },
    })
  })

  it('names the variable when an environment value is wrong', () => {
    expect(() => loadConfig({ file: file('ok2.json', base), env: { PORT: 'eighty' } })).toThrow(/PORT="eighty": not a number/)
    expect(() => loadConfig({ file: file('ok3.json', base), env: { PORT: '70000' } })).toThrow(/port: .*environment PORT=70000/)
  })

  it('rejects a mistyped key, a bad value and an unknown upstream kind, naming each', () => {
    const error = (() => {
      try {
        loadConfig({ file: file('bad.json', { ...base, heartbeatMS: 1000, heartbeatMs: 5, upstream: { kind: 'carrier-pigeon' } }), env: {} })
      }
      catch (e) {
        return e
      }
      return null
    })()
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    expect(message).toMatch(/heartbeatMS/)
    expect(message).toMatch(/heartbeatMs: /)
    expect(message).toMatch(/upstream.kind: must be one of: simulator/)
  })

  it('says so when the file is missing or not JSON', () => {
    expect(() => loadConfig({ file: join(dir, 'nope.json'), env: {} })).toThrow(/cannot read/)
    expect(() => loadConfig({ file: file('broken.json', '{ "port": '), env: {} })).toThrow(ConfigError)
  })

  it('takes the upstream silence threshold from the file or UPSTREAM_SILENCE_MS, within bounds, and leaves it unset by default', () => {
    expect(loadConfig({ file: file('silence0.json', base), env: {} }).upstreamSilenceMs).toBeUndefined()
    expect(loadConfig({ file: file('silence1.json', { ...base, upstreamSilenceMs: 30_000 }), env: {} }).upstreamSilenceMs).toBe(30_000)
    expect(loadConfig({ file: file('silence2.json', base), env: { UPSTREAM_SILENCE_MS: '5000' } }).upstreamSilenceMs).toBe(5000)
    expect(() => loadConfig({ file: file('silence3.json', base), env: { UPSTREAM_SILENCE_MS: '10' } })).toThrow(/upstreamSilenceMs: .*environment UPSTREAM_SILENCE_MS=10/)
  })
})
