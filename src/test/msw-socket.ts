/**
 * One WebSocket endpoint played by a test over msw's `ws.link`: who connected, with which
 * sub-protocols, what they sent; frames and closes from the server's side. The code under test
 * opens a real `WebSocket` (the global msw patches; happy-dom has one, Node 20 has none), so
 * nothing inside it is faked.
 *
 * msw delivers by microtasks, which fake timers never hold up: `settle()` waits for them with a
 * turn of the real event loop, so a test's fake clock stays where the test put it.
 */
import { type WebSocketHandlerConnection, ws } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'

type Client = WebSocketHandlerConnection['client']

// Taken before any test fakes it.
const realSetImmediate = globalThis.setImmediate

/** A turn of the real event loop: every microtask queued before it has run. */
export function settle(): Promise<void> {
  return new Promise(resolve => realSetImmediate(resolve))
}

export interface SocketConnection {
  /** the address the client opened, query included */
  readonly url: string
  /** the sub-protocols the client offered */
  readonly protocols: string[]
  /** how the connection ended, by either side; null while open */
  closed: { code: number, reason: string } | null
}

export interface MswSocket {
  /** every connection since the test began, oldest first */
  readonly connections: readonly SocketConnection[]
  /** what clients sent, parsed as JSON, over every connection */
  readonly received: readonly unknown[]
  /** A frame on the newest connection; a closed one takes nothing, as with a real server. */
  send: (data: string | ArrayBuffer) => Promise<void>
  /** The server closes the newest connection. */
  close: (code: number, reason?: string) => Promise<void>
  /** Close every new connection at once, before it opens, with this code; null accepts them again. */
  refuse: (close: { code: number, reason?: string } | null) => void
  /** Called for every connection the endpoint accepts. */
  onConnection: (listener: () => void) => void
  /** Forget every connection and what came over it, and accept new ones (done after each test). */
  reset: () => void
  settle: () => Promise<void>
}

/** The endpoint at `url` for this test file (or describe block): listening throughout, forgetting its connections after each test. */
export function useMswSocket(url: string): MswSocket {
  let connections: SocketConnection[] = []
  let received: unknown[] = []
  let newest: Client | null = null
  let refusal: { code: number, reason?: string } | null = null
  const listeners: (() => void)[] = []

  const server = setupServer(ws.link(url).addEventListener('connection', ({ client, info }) => {
    const connection: SocketConnection = {
      url: client.url.href,
      protocols: info.protocols === undefined ? [] : ([] as string[]).concat(info.protocols),
      closed: null,
    }
    connections.push(connection)
    client.addEventListener('close', (event) => {
      connection.closed = { code: event.code, reason: event.reason }
    })
    if (refusal) {
      client.close(refusal.code, refusal.reason)
      return
    }
    newest = client
    client.addEventListener('message', event => received.push(JSON.parse(String(event.data))))
    for (const listener of listeners)
      listener()
  }))

  function latest(): Client {
    if (!newest)
      throw new Error(`nothing has connected to ${url}`)
    return newest
  }

  function reset(): void {
    connections = []
    received = []
    newest = null
    refusal = null
  }

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(reset)
  afterAll(() => server.close())

  return {
    get connections() {
      return connections
    },
    get received() {
      return received
    },
    async send(data) {
      latest().send(data)
      await settle()
    },
    async close(code, reason) {
      latest().close(code, reason)
      await settle()
    },
    refuse(close) {
      refusal = close
    },
    onConnection(listener) {
      listeners.push(listener)
    },
    reset,
    settle,
  }
}
