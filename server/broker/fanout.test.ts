import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { decodeServerFrame, type ServerMessage } from '#protocol'
import { createWebSocketSource } from '~/datasource/websocket'
import { FakeWebSocket } from '~/test/fake-websocket'
import { kpi, TEST_SOURCE, TEST_TS } from '~/test/fixtures'
import { createFanoutEncoder, type EncodedFrame } from './fanout.ts'

/** A wall as the browser runs it: the real feed data source, behind a socket the test plays. */
function wall() {
  const source = createWebSocketSource({ url: 'ws://hub.test/feed', WebSocket: FakeWebSocket, random: () => 0 })
  const messages: ServerMessage[] = []
  source.on('message', message => messages.push(message))
  source.connect()
  const socket = FakeWebSocket.last
  socket.open()
  return {
    source,
    socket,
    messages,
    /** the frame as a browser hands a text frame to the page */
    receive: (frame: EncodedFrame) => socket.receive(frame.bytes.toString('utf8')),
    /** patches the wall applied */
    patches: () => messages.filter(m => m.type === 'patch').map(m => m.seq),
    resyncs: () => socket.sentMessages.filter(m => (m as { type: string }).type === 'resync').length,
  }
}

describe('encode once', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    FakeWebSocket.reset()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives every wall the same bytes, with the hub\'s sequence, and the walls apply every patch', () => {
    const encoder = createFanoutEncoder()
    const walls = [wall(), wall(), wall()]
    for (const w of walls)
      w.receive(encoder.snapshot(TEST_TS, TEST_SOURCE, {})!)
    const sent: EncodedFrame[] = []
    for (let i = 0; i < 5; i++) {
      const frame = i === 2 ? encoder.heartbeat(TEST_TS + i) : encoder.patch('national.kpi', kpi({ casesReceivedYtd: 1000 + i }), TEST_TS + i)!
      sent.push(frame)
      for (const w of walls)
        w.receive(frame)
    }
    expect(sent.map(frame => frame.seq)).toEqual([1, 2, 3, 4, 5])
    for (const w of walls) {
      expect(w.patches()).toEqual([1, 2, 4, 5])
      expect(w.resyncs()).toBe(0)
      expect(w.source.status).toBe('live')
    }
    // The bytes are a valid frame as they are.
    const frame = encoder.patch('national.kpi', kpi(), TEST_TS)!
    expect(decodeServerFrame(frame.bytes.toString('utf8'), TEST_TS).message).toMatchObject({ type: 'patch', seq: 6, topic: 'national.kpi' })
  })

  it('starts a late wall from a snapshot at the hub\'s last seq, without taking one from the others', () => {
    const encoder = createFanoutEncoder()
    const early = wall()
    early.receive(encoder.snapshot(TEST_TS, TEST_SOURCE, {})!)
    for (let i = 0; i < 3; i++)
      early.receive(encoder.patch('national.kpi', kpi(), TEST_TS)!)
    const late = wall()
    const snapshot = encoder.snapshot(TEST_TS, TEST_SOURCE, { 'national.kpi': kpi() })!
    expect(snapshot.seq).toBe(3)
    late.receive(snapshot)
    const next = encoder.patch('national.kpi', kpi(), TEST_TS)!
    expect(next.seq).toBe(4)
    early.receive(next)
    late.receive(next)
    expect(early.patches()).toEqual([1, 2, 3, 4])
    expect(late.patches()).toEqual([4])
    expect(early.resyncs() + late.resyncs()).toBe(0)
  })

  it('lets a wall that lost a frame see the gap, ask for a resync, and carry on from the snapshot', () => {
    const encoder = createFanoutEncoder()
    const w = wall()
    w.receive(encoder.snapshot(TEST_TS, TEST_SOURCE, {})!)
    w.receive(encoder.patch('national.kpi', kpi(), TEST_TS)!)
    encoder.patch('national.kpi', kpi(), TEST_TS) // lost on the way to this wall
    w.receive(encoder.patch('national.kpi', kpi(), TEST_TS)!)
    expect(w.patches()).toEqual([1])
    expect(w.resyncs()).toBe(1)
    // The slow-wall path too: a snapshot for this wall alone, then the broadcast goes on.
    w.receive(encoder.snapshot(TEST_TS, TEST_SOURCE, { 'national.kpi': kpi() })!)
    w.receive(encoder.patch('national.kpi', kpi(), TEST_TS)!)
    expect(w.patches()).toEqual([1, 4])
    expect(w.resyncs()).toBe(1)
  })

  it('refuses a frame over the size limit without using up a seq', () => {
    const encoder = createFanoutEncoder({ maxFrameBytes: 120 })
    expect(encoder.patch('national.kpi', kpi(), TEST_TS)).toBeNull()
    expect(encoder.seq).toBe(0)
    expect(encoder.heartbeat(TEST_TS).seq).toBe(1)
    expect(createFanoutEncoder({ startSeq: 41 }).heartbeat(TEST_TS).seq).toBe(42)
  })
})

describe('encode once over real sockets', () => {
  it('sends the one buffer as a text frame that every wall decodes', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise(resolve => server.once('listening', resolve))
    const port = (server.address() as AddressInfo).port
    const received: { text: string, binary: boolean }[][] = [[], [], []]
    const clients = received.map((inbox) => {
      const client = new WebSocket(`ws://127.0.0.1:${port}`)
      client.on('message', (data, isBinary) => inbox.push({ text: data.toString(), binary: isBinary }))
      return client
    })
    while (server.clients.size < clients.length || clients.some(c => c.readyState !== WebSocket.OPEN))
      await new Promise(resolve => setTimeout(resolve, 10))
    try {
      const frame = createFanoutEncoder().patch('national.kpi', kpi(), TEST_TS)!
      for (const socket of server.clients)
        socket.send(frame.bytes, { binary: false })
      await vi.waitFor(() => expect(received.every(inbox => inbox.length === 1)).toBe(true))
      for (const [message] of received) {
        expect(message!.binary).toBe(false)
        expect(Buffer.from(message!.text)).toEqual(frame.bytes)
        expect(decodeServerFrame(message!.text, TEST_TS).message).toMatchObject({ type: 'patch', seq: 1 })
      }
    }
    finally {
      clients.forEach(client => client.terminate())
      await new Promise(resolve => server.close(resolve))
    }
  })
})
