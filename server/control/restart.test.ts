/**
 * Kill -9 the server in the middle of a playlist, start it again: the wall state and the audit log
 * are both there, and the playlist carries on from where it was.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import {
  controlCommandFrame,
  controlProtocols,
  decodeControlServerFrame,
  type ControlCommandInput,
  type ControlServerMessage,
} from '#protocol'
import { readAudit } from './persist.ts'
import { frameWaiter } from './testing.ts'

const FIXTURE = fileURLToPath(new URL('./fixtures/control-server.ts', import.meta.url))
const TOKEN = 'restart-token-0123456789'
const children: ChildProcess[] = []
let dir: string | null = null

afterEach(() => {
  for (const child of children.splice(0))
    child.kill('SIGKILL')
  if (dir)
    rmSync(dir, { recursive: true, force: true })
})

async function startServer(dataDir: string, clockOffsetMs = 0): Promise<{ child: ChildProcess, port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, DATA_DIR: dataDir, WALL_CONTROL_TOKEN: TOKEN, CLOCK_OFFSET_MS: String(clockOffsetMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk) => {
      out += String(chunk)
      const match = /PORT (\d+)/.exec(out)
      if (match)
        resolve(Number(match[1]))
    })
    child.once('exit', code => reject(new Error(`server exited with ${code}`)))
  })
  return { child, port }
}

async function open(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/control-feed`, controlProtocols(TOKEN))
  const wait = frameWaiter<ControlServerMessage>(ws, (text) => {
    const decoded = decodeControlServerFrame(text)
    return decoded.ok ? decoded.message : undefined
  }, 10_000)
  let n = 0
  const command = async (c: ControlCommandInput) => {
    const id = `k${++n}`
    ws.send(controlCommandFrame(id, c))
    return wait(m => (m.type === 'ack' || m.type === 'nack') && m.id === id)
  }
  return { ws, wait, command }
}

describe('kill and restart', () => {
  it('loses neither the wall state nor the audit log, and the playlist goes on', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wall-restart-'))
    const first = await startServer(dir)
    const terminal = await open(first.port)
    await terminal.wait(m => m.type === 'hello')
    expect(await terminal.command({ kind: 'setPlaylist', items: [{ page: 'trends', dwellSec: 5 }, { page: 'province', dwellSec: 5 }] })).toMatchObject({ type: 'ack' })
    expect(await terminal.command({ kind: 'setBlackout', on: true })).toMatchObject({ type: 'ack' })
    expect(await terminal.command({ kind: 'playlistStart' })).toMatchObject({ type: 'ack', revision: 3 })
    const before = (await terminal.wait(m => m.type === 'state' && m.wallState.revision === 3)) as Extract<ControlServerMessage, { type: 'state' }>
    first.child.kill('SIGKILL')
    await new Promise(resolve => first.child.once('exit', resolve))
    terminal.ws.terminate()

    // Back 4.5 s later by its clock: the first item has 500 ms left, then the second shows. A slow
    // start-up may already have advanced it when the terminal says hello.
    const second = await startServer(dir, 4500)
    const again = await open(second.port)
    const hello = (await again.wait(m => m.type === 'hello')) as Extract<ControlServerMessage, { type: 'hello' }>
    if (hello.wallState.revision === 3)
      expect(hello.wallState).toEqual(before.wallState)
    const advanced = hello.wallState.revision === 4
      ? hello.wallState
      : ((await again.wait(m => m.type === 'state')) as Extract<ControlServerMessage, { type: 'state' }>).wallState
    expect(advanced).toEqual({
      ...before.wallState,
      revision: 4,
      page: 'province',
      playlist: { ...before.wallState.playlist, index: 1, itemStartedAt: advanced.playlist.itemStartedAt },
      updatedAt: advanced.updatedAt,
    })
    // The second item starts where the first ended (or later, had start-up been slow): never early.
    expect(advanced.playlist.itemStartedAt).toBeGreaterThanOrEqual(before.wallState.playlist.itemStartedAt! + 5000)
    expect(readAudit(dir).map(e => [e.action, e.revision])).toEqual([['setPlaylist', 1], ['setBlackout', 2], ['playlistStart', 3]])
    again.ws.close()
  })
})
