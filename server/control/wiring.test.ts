/**
 * The control endpoint on the real wall server and hub, wired as server/main.ts wires it:
 * an operator's command reaches a wall on /feed as a 'wall.state' patch, and the wall's status
 * reaches the operator.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { clientFrame } from '#protocol'
import { CONTROL_PATH, controlCommandFrame, controlProtocols } from '#protocol'
import { createWallServer, type WallServer } from '../hub/server.ts'
import type { Upstream } from '../upstream/index.ts'
import { createControlEndpoint, type ControlEndpoint } from './endpoint.ts'
import { frameWaiter } from './testing.ts'

const TOKEN = 'wiring-token-0123456789'

const quietUpstream: Upstream = {
  info: { name: 'test', simulated: true },
  snapshot: () => ({}),
  subscribe: () => () => {},
  start: () => {},
  stop: () => {},
}

/** Frames of one socket, parsed, with a wait for the first that matches. */
function frames(ws: WebSocket) {
  return frameWaiter<any>(ws, text => JSON.parse(text), 5000)
}

let dir: string | null = null
let server: WallServer | null = null
let control: ControlEndpoint | null = null

afterEach(async () => {
  control?.close()
  await server?.close()
  if (dir)
    rmSync(dir, { recursive: true, force: true })
})

describe('control endpoint on the wall server', () => {
  it('drives a wall and sees its status', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wall-wiring-'))
    server = createWallServer({ upstream: quietUpstream, heartbeatMs: 1000, port: 0, distDir: null, log: () => {} })
    // The lines server/main.ts needs:
    const endpoint = createControlEndpoint({
      hub: server.hub,
      config: { allowedOrigins: ['same-origin'], commandsPerSecond: 10 },
      dataDir: dir,
      pages: [{ id: 'overview', title: { zh: '全国总览', en: 'National Overview' } }, { id: 'province', title: { zh: '省级', en: 'Province' } }],
      token: TOKEN,
      log: { info: () => {}, warn: () => {}, error: () => {} },
    })
    control = endpoint
    server.upgradeRoutes.set(CONTROL_PATH, (req, socket, head) => void endpoint.handleUpgrade(req, socket, head))
    const { port } = await server.listen()

    const wall = new WebSocket(`ws://127.0.0.1:${port}/feed`)
    const wallFrames = frames(wall)
    expect((await wallFrames(f => f.type === 'snapshot')).topics['wall.state']).toMatchObject({ page: 'overview' })
    wall.send(clientFrame({ v: 1, type: 'status', data: { page: 'overview', dataAgeMs: 500, profile: 'wall-32x9', width: 7680, height: 2160 } }))

    const terminal = new WebSocket(`ws://127.0.0.1:${port}${CONTROL_PATH}`, controlProtocols(TOKEN))
    const terminalFrames = frames(terminal)
    await terminalFrames(f => f.type === 'hello')
    terminal.send(controlCommandFrame('go', { kind: 'focusUnit', unitId: '510000' }))
    expect(await terminalFrames(f => f.type === 'ack' && f.id === 'go')).toMatchObject({ revision: 1 })
    expect((await wallFrames(f => f.type === 'patch' && f.topic === 'wall.state')).data).toMatchObject({ page: 'province', focusUnitId: '510000', revision: 1 })

    endpoint.notifyWallsChanged()
    const walls = await terminalFrames(f => f.type === 'walls' && f.walls[0]?.status !== null)
    expect(walls.walls[0]).toMatchObject({ address: '127.0.0.1', status: { page: 'overview', dataAgeMs: 500 } })
    wall.close()
    terminal.close()
  })
})
