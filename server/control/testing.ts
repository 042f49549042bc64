/**
 * For the control endpoint's tests: before each test a fresh data directory and an HTTP server on a
 * free port of 127.0.0.1 that hands every upgrade to the endpoint the test started; after it, the
 * endpoint and the server closed and the directory removed. And a wait for a socket's frames.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, vi } from 'vitest'
import type { WebSocket } from 'ws'
import { createControlEndpoint, type ControlEndpoint, type ControlEndpointOptions, type ControlLog } from './endpoint.ts'

/**
 * Every frame `ws` receives from now on, as `parse` reads it (undefined: skipped), and a wait of up
 * to `timeoutMs` for the first that matches.
 */
export function frameWaiter<T>(ws: WebSocket, parse: (text: string) => T | undefined, timeoutMs: number): (match: (frame: T) => boolean) => Promise<T> {
  const seen: T[] = []
  ws.on('message', (data) => {
    const frame = parse(String(data))
    if (frame !== undefined)
      seen.push(frame)
  })
  return async (match) => {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const found = seen.find(match)
      if (found !== undefined)
        return found
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    throw new Error(`no matching frame among ${seen.length}`)
  }
}

/** A log that only records its calls. */
export function quietLog() {
  return { info: vi.fn<ControlLog['info']>(), warn: vi.fn<ControlLog['warn']>(), error: vi.fn<ControlLog['error']>() }
}

export interface EndpointServer {
  /** ws://127.0.0.1:<port> of this test's server */
  readonly base: string
  /** this test's data directory */
  readonly dir: string
  readonly http: Server
  /** the endpoint upgrades go to; null until start() */
  readonly endpoint: ControlEndpoint | null
  /** Create the endpoint upgrades go to, in `dir`, with a quiet log unless `options` name one. */
  start: (options: Omit<ControlEndpointOptions, 'dataDir'>) => ControlEndpoint
}

/** Call at the top of a test file; `dirPrefix` names the temporary data directories. */
export function useEndpointServer(dirPrefix: string): EndpointServer {
  let dir = ''
  let base = ''
  let http: Server | null = null
  let endpoint: ControlEndpoint | null = null

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), dirPrefix))
    endpoint = null
    const server = createServer((_req, res) => res.writeHead(404).end())
    server.on('upgrade', (req, socket, head) => {
      if (!endpoint?.handleUpgrade(req, socket, head))
        socket.destroy()
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
    http = server
  })

  afterEach(async () => {
    endpoint?.close()
    const server = http
    http = null
    if (server) {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
    rmSync(dir, { recursive: true, force: true })
  })

  return {
    get base() {
      return base
    },
    get dir() {
      return dir
    },
    get http() {
      if (!http)
        throw new Error('no server outside a test')
      return http
    },
    get endpoint() {
      return endpoint
    },
    start(options) {
      endpoint = createControlEndpoint({ log: quietLog(), ...options, dataDir: dir })
      return endpoint
    },
  }
}
