/**
 * A WebSocket stand-in for the tests of a connection's life: the test plays the server (`open`,
 * `receive`, `serverClose`, `fail`) and reads what the client sent. Pair it with vi.useFakeTimers().
 *
 * Everything else goes over msw (src/test/msw-socket.ts, feed-hub.ts). This stays for what msw
 * cannot do: hold a socket that never opens, fail one with a network error (an unreachable hub, as
 * failover meets it), open and deliver synchronously at an exact millisecond of the fake clock
 * (backoff, watchdog and stall timing, measured a millisecond at a time), and call a handler on a
 * socket already closed. Used by src/net/reconnectingSocket.test.ts and src/datasource/websocket.test.ts.
 */
import type { WebSocketLike } from '~/net/reconnectingSocket'

export class FakeWebSocket implements WebSocketLike {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3

  /** every socket constructed since the last reset(), oldest first */
  static instances: FakeWebSocket[] = []

  static reset(): void {
    FakeWebSocket.instances = []
  }

  /** the newest socket; throws when none was made, so a test fails where the cause is */
  static get last(): FakeWebSocket {
    const ws = FakeWebSocket.instances.at(-1)
    if (!ws)
      throw new Error('no FakeWebSocket was constructed')
    return ws
  }

  readyState = FakeWebSocket.CONNECTING
  /** frames the client sent, as text */
  sent: string[] = []
  /** set when the client called close() */
  closedByClient: { code?: number, reason?: string } | null = null
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this)
  }

  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN)
      throw new Error('InvalidStateError: not open')
    this.sent.push(data)
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === FakeWebSocket.CLOSED)
      return
    this.closedByClient = { code, reason }
    this.readyState = FakeWebSocket.CLOSED
    this.onclose?.({ code: code ?? 1005, reason: reason ?? '', wasClean: true } as CloseEvent)
  }

  /** what the client sent, parsed */
  get sentMessages(): unknown[] {
    return this.sent.map(text => JSON.parse(text) as unknown)
  }

  // ---- the server's side ----

  open(): void {
    this.readyState = FakeWebSocket.OPEN
    this.onopen?.(new Event('open'))
  }

  receive(data: unknown): void {
    if (this.readyState !== FakeWebSocket.OPEN)
      throw new Error('receive() on a socket that is not open')
    this.onmessage?.({ data } as MessageEvent)
  }

  serverClose(code = 1006, reason = ''): void {
    this.readyState = FakeWebSocket.CLOSED
    this.onclose?.({ code, reason, wasClean: false } as CloseEvent)
  }

  /** a network error: 'error' then 'close', as browsers do */
  fail(): void {
    this.onerror?.(new Event('error'))
    this.serverClose(1006)
  }
}
