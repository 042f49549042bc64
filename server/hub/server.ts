/**
 * The one HTTP server of a Command Wall deployment: the built app (dist/), /healthz, and the
 * WebSocket endpoints. Upgrade paths are a map, so another endpoint (e.g. '/control-feed') is
 * added from its own file with `server.upgradeRoutes.set(path, handler)`.
 */
import { statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { join, resolve } from 'node:path'
import sirv from 'sirv'
import { WebSocketServer } from 'ws'
import { MAX_FRAME_BYTES } from '#protocol'
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
}

export interface WallServer {
  readonly hub: FeedHub
  readonly http: Server
  /** upgrade path → handler; '/feed' is the walls' feed */
  readonly upgradeRoutes: Map<string, UpgradeHandler>
  listen: () => Promise<{ host: string, port: number }>
  /** close every WebSocket with 1001, then the HTTP server */
  close: () => Promise<void>
}

/** Hashed file names under /assets/ never change content: cache them for a year. */
const ASSET_CACHE = 'public, max-age=31536000, immutable'
const PAGE_PREFIXES = ['/wall', '/control']

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
  const hub = createFeedHub(options)
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
    res.setHeader('X-Content-Type-Options', 'nosniff')
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
        uptime: Math.round((now() - startedAt) / 1000),
        source: { name: hub.source.name, simulated: hub.source.simulated },
        // for a kiosk watchdog (scripts/kiosk-watchdog): how long since each wall was last heard
        walls: hub.clients().map(c => ({ id: c.id, address: c.remoteAddress, silentMs: Math.max(0, now() - c.lastSeenAt), page: c.status?.page ?? null })),
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
    if (isPage(path))
      req.url = '/index.html'
    handler(req, res, () => text(res, 404, 'Not found\n'))
  }

  const http = createServer(handleRequest)
  const feedSockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  const upgradeRoutes = new Map<string, UpgradeHandler>(Object.entries(options.upgradeRoutes ?? {}))
  upgradeRoutes.set('/feed', (request, socket, head) => {
    feedSockets.handleUpgrade(request, socket, head, ws => hub.accept(ws, request))
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
    route(request, socket, head)
  })

  return {
    hub,
    http,
    upgradeRoutes,
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
