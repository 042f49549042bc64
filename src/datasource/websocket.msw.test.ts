// @vitest-environment happy-dom
/**
 * The source against msw's WebSocket interception: real WebSocket events, real message timing,
 * nothing faked inside the source. happy-dom supplies the WebSocket global msw patches
 * (Node 20 has none).
 */
import { ws } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import type { Rejection, ServerMessage } from '~/protocol'
import { frames } from '~/test/fixtures'
import type { DataSource } from './types'
import { createWebSocketSource } from './websocket'

const FEED_URL = 'ws://wall.test/feed'
const feed = ws.link(FEED_URL)
const received: unknown[] = []

const server = setupServer(
  feed.addEventListener('connection', ({ client }) => {
    client.addEventListener('message', event => received.push(JSON.parse(String(event.data))))
    client.send(frames.snapshot(0))
    client.send('{"v":1,"type":"patch"')
    client.send(frames.kpiPatch(2, 777))
  }),
)

let source: DataSource | undefined

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  source?.close()
  server.resetHandlers()
})
afterAll(() => server.close())

it('takes a snapshot, rejects a bad frame and applies the patch after it', async () => {
  const messages: ServerMessage[] = []
  const rejections: Rejection[] = []
  source = createWebSocketSource({ url: FEED_URL })
  source.on('message', m => messages.push(m))
  source.on('rejected', r => rejections.push(r))
  source.connect()

  await vi.waitFor(() => expect(messages).toHaveLength(2))
  expect(source.status).toBe('live')
  expect(messages[0]).toMatchObject({ type: 'snapshot', seq: 0, topics: { 'national.kpi': { casesPending: 203_000 } } })
  expect(messages[1]).toMatchObject({ type: 'patch', seq: 2, topic: 'national.kpi', data: { casesPending: 777 } })
  expect(rejections.map(r => r.reason)).toEqual(['notJson'])

  expect(source.send({ v: 1, type: 'resync' })).toBe(true)
  await vi.waitFor(() => expect(received).toEqual([{ v: 1, type: 'resync' }]))
})
