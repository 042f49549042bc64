/**
 * The one HTTP server of a Command Wall deployment: the built app (dist/), /healthz, and the
 * WebSocket endpoints. Upgrade paths are a map, so another endpoint (e.g. '/control-feed') is
 * added from its own file with `server.upgradeRoutes.set(path, handler)`.
 */
import { statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { hostname, networkInterfaces } from 'node:os'
import type { Duplex } from 'node:stream'
import { join, resolve } from 'node:path'
import sirv from 'sirv'
import { WebSocketServer } from 'ws'
import { MAX_FRAME_BYTES } from '#protocol'
import { checkOrigin, checkToken, isOwnHost, selectProtocol, viewTokenFromUpgrade } from '#control'
import { createConnectionCap, createThrottledLog, createTokenLockout, escapeForLog } from '../guard.ts'
import { resolveLimits, type Limits } from '../limits.ts'
import { REPO_ROOT } from './config.ts'
import { createFeedHub, type FeedHub, type HubOptions } from './hub.ts'

/** Takes over an upgrade request for one path (it must answer or destroy the socket). */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void

export interface WallServerOptions extends HubOptions {
  /** default 127.0.0.1 */
  host?: string
  /** default 8080; 0 picks a free port (tests) */
  port?: number
  /**
   * The built app. Default <repo>/dist. `null` runs feed-only (the Vite dev server serves the
   * pages and proxies /feed here).
   */
  distDir?: string | null
  /** extra upgrade endpoints beside '/feed' */
  upgradeRoutes?: Record<string, UpgradeHandler>
  /** limits.ts defaults with config/server.json's `limits` on top */
  limits?: Limits
  /** WALL_VIEW_TOKEN: when set, /feed refuses connections without it */
  viewToken?: string
  /** browser origins allowed on /feed (config control.allowedOrigins); default ['same-origin'] */
  allowedOrigins?: readonly string[]
  /** serve https/wss with this certificate and key (PEM) */
  tls?: { cert: string | Buffer, key: string | Buffer }
  /** extra names this server answers to (config allowedHosts), beside its host name and addresses */
  allowedHosts?: readonly string[]
  /**
   * The deployment's other hubs, as origins (`http://10.0.0.2:8080`; config peers, PEER_HUBS): a
   * wall served by one of them may fail over to this one and back, so their feeds are allowed in
   * the pages' connect-src and their origins on /feed.
   */
  peers?: readonly string[]
  /** broker mode: this hub's standing in the deployment, for /healthz */
  brokerStatus?: () => { hubId: string, available: boolean, runsPlaylistClock: boolean }
}

export interface WallServer {
  readonly hub: FeedHub
  readonly http: Server
  /** upgrade path → handler; '/feed' is the walls' feed */
  readonly upgradeRoutes: Map<string, UpgradeHandler>
  /** http: or https: */
  readonly scheme: 'http:' | 'https:'
  /** lower-case names and addresses this server answers to (the DNS-rebinding check) */
  readonly ownHosts: ReadonlySet<string>
  /** Count an unexpected exception (logged by the caller): it shows in /healthz, and is never fatal. */
  countError: () => void
  listen: () => Promise<{ host: string, port: number }>
  /** close every WebSocket with 1001, then the HTTP server */
  close: () => Promise<void>
}

/** Hashed file names under /assets/ never change content: cache them for a year. */
const ASSET_CACHE = 'public, max-age=31536000, immutable'
const PAGE_PREFIXES = ['/wall', '/control']

/**
 * The pages' Content-Security-Policy: only the app's own scripts run (the build emits no inline
 * script), and nothing may frame the wall or the terminal. Styles allow 'unsafe-inline' because
 * ECharts and Vue set style attributes on the elements they draw; a style cannot run code.
 * Data and blob images are ECharts' exports and the map's textures; workers are none today.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  // echarts-gl (the 3D page only) builds some of its functions from strings at run time;
  // without 'unsafe-eval' it cannot start and the 3D page falls back to 2D. No inline script.
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** PAGE_CSP with the feeds of the deployment's other hubs allowed, for walls that fail over to them. */
export function pageCsp(peers: readonly string[]): string {
  if (peers.length === 0)
    return PAGE_CSP
  const feeds = peers.map(peer => peer.replace(/^http/, 'ws'))
  return PAGE_CSP.replace("connect-src 'self'", `connect-src 'self' ${feeds.join(' ')}`)
}

/** Headers on every HTTP response: no sniffing, no referrer leaving the page, no framing. */
const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
}

/** A byte range we serve: one `bytes=first-` or `bytes=first-last` with first ≤ last. */
const SIMPLE_RANGE = /^bytes=(\d{1,15})-(\d{0,15})$/

/**
 * Whether a Range header may reach the file handler. Anything else (suffix ranges, several ranges,
 * last before first, junk) is ignored, as RFC 9110 allows: the whole file is sent with 200.
 * A first byte past the end is answered 416 by the handler.
 */
export function isServableRange(header: string): boolean {
  const match = SIMPLE_RANGE.exec(header.trim())
  if (!match)
    return false
  return match[2] === '' || Number(match[1]) <= Number(match[2])
}

/** The server's own names: its host name, every interface address, loopback names, and the configured extras. */
function ownHostNames(bindHost: string, extra: readonly string[]): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', hostname().toLowerCase(), ...extra.map(name => name.toLowerCase())])
  if (!['0.0.0.0', '::', ''].includes(bindHost))
    names.add(bindHost.toLowerCase())
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? [])
      names.add(address.address.toLowerCase())
  }
  return names
}

function isPage(path: string): boolean {
  return PAGE_PREFIXES.some(prefix => path === prefix || path.startsWith(`${prefix}/`))
}

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
  res.end(body)
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.once('finish', () => socket.destroy())
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

export function createWallServer(options: WallServerOptions): WallServer {
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 8080
  const distDir = options.distDir === undefined ? join(REPO_ROOT, 'dist') : options.distDir && resolve(options.distDir)
  const now = options.now ?? Date.now
  const startedAt = now()
  const limits = options.limits ?? resolveLimits()
  const log = options.log ?? ((line: string) => console.log(line))
  const events = createThrottledLog(log, { windowMs: limits.logWindowMs, now })
  const hub = createFeedHub({ ...options, limits })
  const scheme = options.tls ? 'https:' : 'http:'
  const ownHosts = ownHostNames(host, options.allowedHosts ?? [])
  // A wall page served by another hub of the deployment may move its feed here.
  const allowedOrigins = [...(options.allowedOrigins ?? ['same-origin']), ...(options.peers ?? [])]
  const csp = pageCsp(options.peers ?? [])
  const viewToken = options.viewToken ?? ''
  const feedCap = createConnectionCap(limits.feedConnectionsPerAddress)
  const lockout = createTokenLockout(limits, now)
  let errors = 0
  let closing = false

  // Built once per build of the app: sirv indexes the folder when created, so a rebuild
  // (new index.html) gets a fresh index without restarting the server.
  let statics: { handler: ReturnType<typeof sirv>, builtAt: number } | null = null
  function staticHandler(): ReturnType<typeof sirv> | null {
    if (!distDir)
      return null
    let builtAt: number
    try {
      builtAt = statSync(join(distDir, 'index.html')).mtimeMs
    }
    catch {
      statics = null
      return null
    }
    if (statics?.builtAt !== builtAt) {
      statics = {
        builtAt,
        handler: sirv(distDir, {
          etag: true,
          // .br and .gz files made at build time (vite.config.ts), chosen by Accept-Encoding.
          brotli: true,
          gzip: true,
          setHeaders(res, pathname) {
            res.setHeader('Cache-Control', pathname.startsWith('/assets/')
              ? ASSET_CACHE
              : pathname.endsWith('.html') ? 'no-cache' : 'public, max-age=3600')
          },
        }),
      }
    }
    return statics.handler
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    try {
      serveRequest(req, res)
    }
    catch (error) {
      failRequest(res, error)
    }
  }

  function failRequest(res: ServerResponse, error: unknown): void {
    errors++
    events.event('httpError', `[http] error answering a request: ${escapeForLog(String(error), limits.logTextChars)}`)
    if (!res.headersSent)
      text(res, 500, 'Internal server error\n')
    else
      res.destroy()
  }

  function serveRequest(req: IncomingMessage, res: ServerResponse): void {
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      res.setHeader(name, value)
    res.on('error', () => {})
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    }
    catch {
      return text(res, 400, 'Bad request\n')
    }
    const path = url.pathname
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return text(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' })
    if (path === '/healthz') {
      const body = JSON.stringify({
        ok: !closing,
        clients: hub.stats().clients,
        broadcastMs: hub.stats().broadcastMs,
        errors,
        uptime: Math.round((now() - startedAt) / 1000),
        source: { name: hub.source.name, simulated: hub.source.simulated },
        upstream: hub.upstreamStatus(),
        // for a kiosk watchdog (scripts/kiosk-watchdog): how long since each wall was last heard
        walls: hub.clients().map(c => ({ id: c.id, address: c.remoteAddress, silentMs: Math.max(0, now() - c.lastSeenAt), page: c.status?.page ?? null })),
        ...(options.brokerStatus && { broker: options.brokerStatus() }),
      })
      res.writeHead(closing ? 503 : 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      return void res.end(body)
    }
    if (path === '/') {
      res.writeHead(302, { 'Location': `/wall${url.search}`, 'Cache-Control': 'no-store' })
      return void res.end()
    }
    if (!distDir)
      return text(res, 404, 'This server runs feed-only: the pages come from the Vite dev server (npm run dev).\n')
    const handler = staticHandler()
    if (!handler)
      return text(res, 503, `The app is not built: ${join(distDir, 'index.html')} is missing. Run \`npm run build\`, then reload.\n`, { 'Retry-After': '10' })
    if (isPage(path)) {
      req.url = '/index.html'
      res.setHeader('Content-Security-Policy', csp)
    }
    const range = req.headers.range
    if (range !== undefined) {
      if (isServableRange(range))
        // A range counts bytes of the plain file: never of a compressed one.
        delete req.headers['accept-encoding']
      else
        delete req.headers.range
    }
    handler(req, res, () => text(res, 404, 'Not found\n'))
  }

  const http = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, handleRequest)
    : createServer(handleRequest)
  // A client's broken TLS handshake or malformed request ends that connection, nothing else.
  http.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else
      socket.destroy()
  })
  const feedSockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: offered => selectProtocol(offered),
  })
  const upgradeRoutes = new Map<string, UpgradeHandler>(Object.entries(options.upgradeRoutes ?? {}))

  function refuseFeed(socket: Duplex, status: string, kind: string, address: string): void {
    events.event(`feed:${kind}`, `[feed] connection refused (${kind}) from ${escapeForLog(address)}`)
    refuseUpgrade(socket, status)
  }

  upgradeRoutes.set('/feed', (request, socket, head) => {
    const address = request.socket.remoteAddress ?? 'unknown'
    // Browsers always send Origin; a wall from another site's page is refused. Scripts send none.
    if (!checkOrigin(request.headers.origin, request.headers.host, allowedOrigins, scheme))
      return refuseFeed(socket, '403 Forbidden', 'origin', address)
    if (viewToken !== '') {
      if (!isOwnHost(request.headers.host, ownHosts))
        return refuseFeed(socket, '403 Forbidden', 'host', address)
      if (lockout.lockedFor(address) > 0)
        return refuseFeed(socket, '429 Too Many Requests', 'lockedOut', address)
      let url: URL
      try {
        url = new URL(request.url ?? '/', 'http://feed.invalid')
      }
      catch {
        return refuseFeed(socket, '400 Bad Request', 'badUrl', address)
      }
      const given = viewTokenFromUpgrade(url, request.headers['sec-websocket-protocol'])
      if (!checkToken(viewToken, given?.token)) {
        lockout.fail(address)
        return refuseFeed(socket, '401 Unauthorized', given ? 'tokenWrong' : 'tokenMissing', address)
      }
      lockout.succeed(address)
    }
    const release = feedCap.admit(address)
    if (!release)
      return refuseFeed(socket, '429 Too Many Requests', 'tooManyConnections', address)
    socket.once('close', release)
    feedSockets.handleUpgrade(request, socket, head, (ws) => {
      ws.once('close', release)
      hub.accept(ws, request)
    })
  })

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    if (closing)
      return refuseUpgrade(socket, '503 Service Unavailable')
    let path = ''
    try {
      path = new URL(request.url ?? '/', 'http://localhost').pathname
    }
    catch {}
    const route = upgradeRoutes.get(path)
    if (!route)
      return refuseUpgrade(socket, '404 Not Found')
    try {
      route(request, socket, head)
    }
    catch (error) {
      errors++
      events.event('upgradeError', `[http] error taking an upgrade: ${escapeForLog(String(error), limits.logTextChars)}`)
      socket.destroy()
    }
  })

  return {
    hub,
    http,
    upgradeRoutes,
    scheme,
    ownHosts,
    countError() {
      errors++
    },
    listen() {
      hub.start()
      return new Promise((resolvePromise, reject) => {
        const onError = (error: Error) => reject(error)
        http.once('error', onError)
        http.listen(port, host, () => {
          http.off('error', onError)
          const address = http.address()
          resolvePromise({ host, port: typeof address === 'object' && address ? address.port : port })
        })
      })
    },
    async close() {
      if (closing)
        return
      closing = true
      await hub.close()
      feedSockets.close()
      await new Promise<void>((resolvePromise) => {
        http.close(() => resolvePromise())
        http.closeAllConnections()
      })
    },
  }
}
