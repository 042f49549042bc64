/**
 * `npm run serve:cluster`: a whole deployment on one machine, for trying broker mode out — one
 * nats-server with JetStream and three hubs. hub-1 runs the simulator and publishes on NATS; hub-2
 * and hub-3 take their data from NATS only (UPSTREAM=nats). Every hub serves walls and the control
 * terminal, all share one wall state. Kill any hub (or nats-server) and watch the walls carry on.
 *
 *   CLUSTER_PORT=8080 (hubs on 8080, 8081, 8082)   NATS_PORT=4222   WALL_CONTROL_TOKEN=…
 *
 * JetStream keeps its store in data/cluster/nats, each hub its DATA_DIR in data/cluster/hub-N.
 * Ctrl-C stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))
const DATA = join(ROOT, 'data', 'cluster')
const HOST = process.env.HOST ?? '127.0.0.1'
const natsPort = Number(process.env.NATS_PORT ?? 4222)
const basePort = Number(process.env.CLUSTER_PORT ?? 8080)
const token = process.env.WALL_CONTROL_TOKEN || randomBytes(18).toString('base64url')
const natsUrl = `nats://127.0.0.1:${natsPort}`
const hubs = [1, 2, 3].map(n => ({ id: `hub-${n}`, port: basePort + n - 1, upstream: n === 1 ? undefined : 'nats' }))
const shownHost = HOST === '0.0.0.0' ? 'localhost' : HOST
const peers = hubs.map(hub => `http://${shownHost}:${hub.port}`).join(',')
const children: ChildProcess[] = []

function natsServer(): string {
  if (process.env.NATS_SERVER_PATH)
    return process.env.NATS_SERVER_PATH
  return existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server'
}

/** Start a child, prefix its lines with its name, resolve when `ready` shows in its output. */
function run(name: string, command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<void> {
  return new Promise((resolveReady, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let seen = false
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        console.log(`${name.padEnd(5)} | ${line}`)
        if (!seen && ready.test(line)) {
          seen = true
          resolveReady()
        }
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('error', error => reject(new Error(`${name}: ${error.message}${command === natsServer() ? ' (install Debian\'s nats-server: node scripts/ensure-nats.mjs)' : ''}`)))
    child.once('exit', (code) => {
      if (!seen)
        reject(new Error(`${name} exited with ${code} before it was ready`))
      else if (!stopping)
        console.log(`${name.padEnd(5)} | exited (${code})`)
    })
  })
}

let stopping = false
function stop(): void {
  if (stopping)
    process.exit(130)
  stopping = true
  for (const child of children.toReversed())
    child.kill('SIGTERM')
  setTimeout(() => process.exit(0), 3000).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

try {
  mkdirSync(join(DATA, 'nats'), { recursive: true })
  await run('nats', natsServer(), ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', join(DATA, 'nats')], {}, /Server is ready/)
  // One after another: the first seeds the shared state and takes the playlist clock.
  for (const hub of hubs) {
    await run(hub.id, join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
      NATS_URL: natsUrl,
      HUB_ID: hub.id,
      PORT: String(hub.port),
      HOST,
      DATA_DIR: join(DATA, hub.id),
      WALL_CONTROL_TOKEN: token,
      PEER_HUBS: peers,
      ...(hub.upstream && { UPSTREAM: hub.upstream }),
    }, /Command Wall: hub /)
  }
}
catch (error) {
  console.error(`serve:cluster: ${(error as Error).message}`)
  stop()
  process.exitCode = 1
}

if (!stopping) {
  const feeds = hubs.map(hub => `ws://${shownHost}:${hub.port}/feed`).join(',')
  console.log('')
  console.log(`Command Wall cluster: NATS ${natsUrl}, hubs ${hubs.map(hub => `${hub.id} :${hub.port}`).join(', ')}`)
  for (const [n, hub] of hubs.entries()) {
    // Each wall starts on its own hub and moves on to the others when it goes.
    const order = [...hubs.slice(n), ...hubs.slice(0, n)].map(h => `ws://${shownHost}:${h.port}/feed`).join(',')
    console.log(`  wall on ${hub.id}: http://${shownHost}:${hub.port}/wall?feed=${order}`)
  }
  console.log(`  control (any hub): http://${shownHost}:${hubs[0]!.port}/control?token=${encodeURIComponent(token)}`)
  console.log(`  all feeds: ${feeds}`)
}
