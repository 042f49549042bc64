/**
 * `tsx server/main.ts` as an operator runs it: what cannot work stops it at start with one clear
 * line and a non-zero exit; with TLS_CERT and TLS_KEY it serves https and wss.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { REPO_ROOT } from './hub/config.ts'

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx')
let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'wall-startup-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/** Run the server until it exits (or `untilOutput` appears); its exit code and output. */
function run(env: Record<string, string>, untilOutput?: RegExp): Promise<{ code: number | null, stdout: string, stderr: string, stop: () => void }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['server/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', DATA_DIR: join(scratch, 'data'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group: tsx runs the server in a child, and both must go at the end
      detached: true,
    })
    let stdout = ''
    let stderr = ''
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      }
      catch {}
    }
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (untilOutput?.test(stdout))
        resolve({ code: null, stdout, stderr, stop })
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('exit', code => resolve({ code, stdout, stderr, stop }))
  })
}

describe('startup refuses what cannot work', () => {
  it('an unwritable DATA_DIR', async () => {
    const file = join(scratch, 'a-file')
    writeFileSync(file, '')
    const result = await run({ PORT: String(await freePort()), DATA_DIR: join(file, 'data') })
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Command Wall: DATA_DIR .* is not writable/)])
  })

  it('a busy port', async () => {
    const busy = createServer()
    await new Promise<void>(resolve => busy.listen(0, '127.0.0.1', resolve))
    const port = (busy.address() as AddressInfo).port
    try {
      const result = await run({ PORT: String(port) })
      expect(result.code).toBe(1)
      expect(result.stderr.trim().split('\n')).toEqual([`Command Wall: 127.0.0.1:${port} is already in use (set PORT to another port)`])
    }
    finally {
      busy.close()
    }
  })

  it('an invalid configuration', async () => {
    const result = await run({ PORT: 'eighty' })
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Command Wall: environment PORT="eighty": not a number/)])
  })

  it('half a TLS setting', async () => {
    const result = await run({ PORT: String(await freePort()), TLS_CERT: join(scratch, 'none.pem') })
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toBe('Command Wall: TLS needs both TLS_CERT and TLS_KEY (paths to PEM files)')
  })
})

describe('TLS', () => {
  it('serves https and wss with a certificate and key, and prints https URLs', async () => {
    const cert = join(scratch, 'cert.pem')
    const key = join(scratch, 'key.pem')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' })
    const port = await freePort()
    const server = await run({ PORT: String(port), TLS_CERT: cert, TLS_KEY: key }, /feed wss:\/\//)
    try {
      expect(server.stdout).toContain(`wall at https://127.0.0.1:${port}/wall`)
      const status = await new Promise<number>((resolve, reject) => {
        request(`https://127.0.0.1:${port}/healthz`, { rejectUnauthorized: false }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }).on('error', reject).end()
      })
      expect(status).toBe(200)
      const ws = new WebSocket(`wss://127.0.0.1:${port}/feed`, ['command-wall'], { rejectUnauthorized: false })
      const first = await new Promise<string>((resolve, reject) => {
        ws.once('message', data => resolve(String(data)))
        ws.once('error', reject)
      })
      expect(JSON.parse(first)).toMatchObject({ type: 'snapshot' })
      expect(ws.protocol).toBe('command-wall')
      ws.close()
    }
    finally {
      server.stop()
    }
  })
})
