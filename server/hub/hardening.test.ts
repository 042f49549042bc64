/**
 * The HTTP side under hostile requests: ranges that crashed the static handler, compressed twins,
 * security headers, and the /feed door (origin, viewer token, connection cap, no token echo).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { precompressDirectory } from '../../scripts/precompress.ts'
import { resolveLimits } from '../limits.ts'
import type { Upstream } from '../upstream/index.ts'
import { createWallServer, isServableRange, PAGE_CSP, pageCsp, type WallServer, type WallServerOptions } from './server.ts'

const upstream: Upstream = {
  info: { name: 'test', simulated: true },
  snapshot: () => ({}),
  subscribe: () => () => {},
  start() {},
  stop() {},
}

const SCRIPT = `console.log(${JSON.stringify('command wall '.repeat(400))})\n`
let dist: string
let server: WallServer | null = null

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'wall-dist-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), `<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body>${'<!-- pad -->'.repeat(200)}</body></html>`)
  writeFileSync(join(dist, 'assets', 'app.js'), SCRIPT)
  writeFileSync(join(dist, 'assets', 'tiny.js'), 'x')
  precompressDirectory(dist)
})

afterAll(() => rmSync(dist, { recursive: true, force: true }))

afterEach(async () => {
  await server?.close()
  server = null
})

async function start(options: Partial<WallServerOptions> = {}): Promise<string> {
  server = createWallServer({ upstream, heartbeatMs: 1000, port: 0, distDir: dist, log: () => {}, ...options })
  const { port } = await server.listen()
  return `127.0.0.1:${port}`
}

interface Raw { status: number, headers: Record<string, string | string[] | undefined>, body: Buffer }

function get(host: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`http://${host}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('Range requests', () => {
  it('accepts one simple range and nothing else', () => {
    expect(isServableRange('bytes=0-99')).toBe(true)
    expect(isServableRange('bytes=100-')).toBe(true)
    expect(isServableRange('bytes=100-50')).toBe(false)
    expect(isServableRange('bytes=-500')).toBe(false)
    expect(isServableRange('bytes=0-1,5-6')).toBe(false)
    expect(isServableRange('items=0-1')).toBe(false)
    expect(isServableRange(`bytes=${'9'.repeat(40)}-`)).toBe(false)
  })

  it('survives bytes=100-50 and ranges past the end, and still serves a plain range', async () => {
    const host = await start()
    expect((await get(host, '/wall', { Range: 'bytes=100-50' })).status).toBe(200)
    expect((await get(host, '/assets/app.js', { Range: 'bytes=100-50' })).status).toBe(200)
    expect((await get(host, '/assets/app.js', { Range: `bytes=${SCRIPT.length + 10}-` })).status).toBe(416)
    expect((await get(host, '/assets/app.js', { Range: `bytes=${SCRIPT.length + 10}-${SCRIPT.length + 20}` })).status).toBe(416)
    const pastEnd = await get(host, '/assets/app.js', { 'Range': `bytes=10-${SCRIPT.length * 5}`, 'Accept-Encoding': 'br, gzip' })
    expect(pastEnd.status).toBe(206)
    expect(pastEnd.body.toString()).toBe(SCRIPT.slice(10))
    const part = await get(host, '/assets/app.js', { 'Range': 'bytes=0-10', 'Accept-Encoding': 'br, gzip' })
    expect(part.status).toBe(206)
    expect(part.headers['content-encoding']).toBeUndefined()
    expect(part.body.toString()).toBe(SCRIPT.slice(0, 11))
    expect((await get(host, '/healthz')).status).toBe(200)
  })
})

describe('compressed twins', () => {
  it('sends brotli or gzip when asked, plain when not, with Vary: Accept-Encoding', async () => {
    const host = await start()
    const br = await get(host, '/assets/app.js', { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT)
    expect(br.body.length).toBeLessThan(SCRIPT.length / 4)
    const gz = await get(host, '/assets/app.js', { 'Accept-Encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT)
    const plain = await get(host, '/assets/app.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(SCRIPT)
    const page = await get(host, '/wall', { 'Accept-Encoding': 'br' })
    expect(page.headers['content-encoding']).toBe('br')
    expect(page.headers['content-type']).toMatch(/text\/html/)
    const tiny = await get(host, '/assets/tiny.js', { 'Accept-Encoding': 'br' })
    expect(tiny.headers['content-encoding']).toBeUndefined()
  })
})

describe('security headers', () => {
  it('pages carry a strict CSP with frame-ancestors none, and no referrer leaves any response', async () => {
    const host = await start()
    for (const path of ['/wall', '/control', '/wall/anything']) {
      const page = await get(host, path)
      expect(page.headers['content-security-policy']).toBe(PAGE_CSP)
      expect(page.headers['referrer-policy']).toBe('no-referrer')
      expect(page.headers['x-frame-options']).toBe('DENY')
    }
    expect(PAGE_CSP).toContain("frame-ancestors 'none'")
    expect(PAGE_CSP).toContain("script-src 'self'")
    expect(PAGE_CSP).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect((await get(host, '/assets/app.js')).headers['referrer-policy']).toBe('no-referrer')
    expect((await get(host, '/healthz')).headers['referrer-policy']).toBe('no-referrer')
  })

  it('lets a wall reach the feeds of the deployment\'s other hubs, and nothing else', () => {
    const csp = pageCsp(['http://10.0.0.2:8080', 'https://hub-c.centre:8443'])
    expect(csp).toContain("connect-src 'self' ws://10.0.0.2:8080 wss://hub-c.centre:8443;")
    expect(csp.replace(/connect-src[^;]*;/, '')).toBe(PAGE_CSP.replace(/connect-src[^;]*;/, ''))
    expect(pageCsp([])).toBe(PAGE_CSP)
  })

  it('answers odd methods and odd paths without falling over', async () => {
    const host = await start()
    expect((await get(host, '/wall', {}, 'DELETE')).status).toBe(405)
    expect((await get(host, '/%E0%A4%A', {})).status).toBe(404)
    expect((await get(host, '/../../etc/passwd', {})).status).toBe(404)
    expect((await get(host, '/healthz')).status).toBe(200)
  })
})

function open(host: string, options: { protocols?: string[], origin?: string, query?: string, hostHeader?: string } = {}) {
  const ws = new WebSocket(`ws://${host}/feed${options.query ?? ''}`, options.protocols ?? [], {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.hostHeader ? { headers: { Host: options.hostHeader } } : {}),
  })
  const result = new Promise<{ ok: boolean, status?: number, protocol?: string, headers?: string }>((resolve) => {
    ws.once('open', () => resolve({ ok: true, protocol: ws.protocol }))
    ws.once('unexpected-response', (_req, res) => resolve({ ok: false, status: res.statusCode, headers: JSON.stringify(res.headers) }))
    ws.once('error', () => resolve({ ok: false }))
  })
  return { ws, result }
}

describe('the /feed door', () => {
  it('refuses a foreign browser origin and lets same-origin pages and scripts in', async () => {
    const host = await start()
    expect((await open(host, { origin: 'http://evil.example' }).result).status).toBe(403)
    expect((await open(host, { origin: `https://${host}` }).result).status).toBe(403)
    const same = open(host, { origin: `http://${host}` })
    expect((await same.result).ok).toBe(true)
    const script = open(host)
    expect((await script.result).ok).toBe(true)
    same.ws.close()
    script.ws.close()
  })

  it('with a viewer token: refuses walls without it, takes it as view.<token> or ?view=, never echoes it', async () => {
    const token = 'view-token-0123456789'
    const host = await start({ viewToken: token })
    expect((await open(host).result).status).toBe(401)
    expect((await open(host, { protocols: ['command-wall', 'view.wrong'] }).result).status).toBe(401)
    const good = open(host, { protocols: ['command-wall', `view.${token}`] })
    expect(await good.result).toEqual({ ok: true, protocol: 'command-wall' })
    const alone = open(host, { protocols: [`view.${token}`] })
    const aloneResult = await alone.result
    expect(aloneResult.ok).toBe(false)
    expect(aloneResult.headers ?? '').not.toContain(token)
    const query = open(host, { query: `?view=${token}` })
    expect((await query.result).ok).toBe(true)
    // DNS rebinding: a token presented to a name that is not the server's own
    expect((await open(host, { protocols: ['command-wall', `view.${token}`], hostHeader: 'evil.example' }).result).status).toBe(403)
    good.ws.close()
    query.ws.close()
  })

  it('locks out an address that keeps guessing the viewer token', async () => {
    const token = 'view-token-0123456789'
    const host = await start({ viewToken: token, limits: { ...resolveLimits(), lockoutFreeFailures: 2, lockoutBaseMs: 60_000 } })
    for (let i = 0; i < 3; i++)
      expect((await open(host, { protocols: ['command-wall', `view.guess${i}`] }).result).status).toBe(401)
    expect((await open(host, { protocols: ['command-wall', `view.${token}`] }).result).status).toBe(429)
  })

  it('caps /feed connections per address', async () => {
    const host = await start({ limits: { ...resolveLimits(), feedConnectionsPerAddress: 3 } })
    const walls = [open(host), open(host), open(host)]
    for (const wall of walls)
      expect((await wall.result).ok).toBe(true)
    expect((await open(host).result).status).toBe(429)
    walls[0]!.ws.close()
    await new Promise(resolve => walls[0]!.ws.once('close', resolve))
    await new Promise(resolve => setTimeout(resolve, 50))
    const again = open(host)
    expect((await again.result).ok).toBe(true)
    walls.forEach(w => w.ws.close())
    again.ws.close()
  })
})

describe('liveness', () => {
  it('only a pong answers a ping: a wall that sends but never answers is dropped, one that answers stays', async () => {
    const host = await start({ pingIntervalMs: 150 })
    const silent = new WebSocket(`ws://${host}/feed`, ['command-wall'], { autoPong: false })
    const polite = new WebSocket(`ws://${host}/feed`, ['command-wall'])
    await Promise.all([silent, polite].map(ws => new Promise(resolve => ws.once('open', resolve))))
    const status = JSON.stringify({ v: 1, type: 'status', data: { page: 'overview', dataAgeMs: 1, profile: 'p', width: 10, height: 10 } })
    const chatter = setInterval(() => silent.readyState === WebSocket.OPEN && silent.send(status), 100)
    const dropped = await new Promise<boolean>((resolve) => {
      silent.once('close', () => resolve(true))
      setTimeout(() => resolve(false), 3000)
    })
    clearInterval(chatter)
    expect(dropped).toBe(true)
    expect(polite.readyState).toBe(WebSocket.OPEN)
    polite.close()
  })
})

describe('the feed log', () => {
  it('writes one line for a client closed for abuse however many frames still arrive, with its text escaped', async () => {
    const lines: string[] = []
    const host = await start({ log: line => lines.push(line) })
    const ws = new WebSocket(`ws://${host}/feed`, ['command-wall'])
    await new Promise(resolve => ws.once('open', resolve))
    for (let i = 0; i < 500; i++)
      ws.send(`x\n2026-01-01T00:00:00.000Z [control] command address=1.2.3.4 action=showPage ${i}`)
    await new Promise(resolve => ws.once('close', resolve))
    await new Promise(resolve => setTimeout(resolve, 100))
    const closed = lines.filter(line => line.includes('closed 4400'))
    expect(closed).toHaveLength(1)
    expect(closed[0]).toContain('\\u000a')
    expect(lines.every(line => !line.includes('\n'))).toBe(true)
    expect(lines.length).toBeLessThan(5)
  })
})
