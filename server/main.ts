/**
 * Start Command Wall: `tsx server/main.ts` (npm run serve / npm start).
 * `--feed-only` serves just the WebSocket feed and /healthz, for the Vite dev server to proxy.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { CONTROL_PATH, PAGES } from '#protocol'
import { createControlEndpoint, lineLog } from './control/endpoint.ts'
import { escapeForLog } from './guard.ts'
import { ConfigError, loadConfig, REPO_ROOT } from './hub/config.ts'
import { createWallServer, type WallServer } from './hub/server.ts'
import { loadTours, TourError } from './tours/load.ts'
import { createUpstream, UpstreamConfigError, type Upstream } from './upstream/index.ts'
import { connectNatsBroker, type NatsBroker } from './broker/nats/index.ts'
import { shareWalls, type ClusterWalls } from './hub/cluster.ts'
import { createNatsUpstream, publishToBroker } from './upstream/nats.ts'

const feedOnly = process.argv.includes('--feed-only')

function fail(message: string): never {
  console.error(`Command Wall: ${message}`)
  process.exit(1)
}

function timestamped(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`)
}

let config
try {
  config = loadConfig()
}
catch (error) {
  if (error instanceof ConfigError)
    fail(error.message)
  throw error
}

// An unwritable data directory would only show at the operator's first command: refuse it now.
try {
  mkdirSync(config.dataDir, { recursive: true })
  accessSync(config.dataDir, constants.W_OK)
  const probe = join(config.dataDir, `.write-check-${process.pid}`)
  writeFileSync(probe, '')
  rmSync(probe)
}
catch (error) {
  fail(`DATA_DIR ${config.dataDir} is not writable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
}

let tls: { cert: Buffer, key: Buffer } | undefined
const tlsCert = process.env.TLS_CERT
const tlsKey = process.env.TLS_KEY
if (tlsCert || tlsKey) {
  if (!tlsCert || !tlsKey)
    fail('TLS needs both TLS_CERT and TLS_KEY (paths to PEM files)')
  try {
    tls = { cert: readFileSync(tlsCert), key: readFileSync(tlsKey) }
  }
  catch (error) {
    fail(`cannot read the TLS certificate or key: ${(error as Error).message}`)
  }
}
const viewToken = process.env.WALL_VIEW_TOKEN ?? ''

// Broker mode (NATS_URL): the hubs of a deployment share topics, the wall state, the audit log,
// their walls and the playlist clock on NATS (docs/deploy.md). Without it, one process as ever.
let broker: NatsBroker | null = null
if (config.broker) {
  const hubId = config.broker.hubId ?? `${hostname()}:${config.port}`
  try {
    broker = await connectNatsBroker({ servers: config.broker.url, hubId, ...(config.broker.replicas !== undefined && { replicas: config.broker.replicas }) })
  }
  catch (error) {
    fail(`cannot join the deployment on NATS_URL=${config.broker.url}: ${(error as Error).message}`)
  }
}

let upstream: Upstream
try {
  upstream = broker && config.upstream.kind === 'nats'
    ? await createNatsUpstream(broker, { log: timestamped })
    : await createUpstream(config.upstream)
  if (broker && config.upstream.kind !== 'nats')
    upstream = publishToBroker(upstream, broker, { log: timestamped })
}
catch (error) {
  if (error instanceof UpstreamConfigError)
    fail(`invalid configuration in ${config.file}: ${error.message}`)
  throw error
}

let tours
try {
  tours = loadTours(join(REPO_ROOT, 'config/tours'), new Set(PAGES.map(p => p.id)))
}
catch (error) {
  if (error instanceof TourError)
    fail(error.message)
  throw error
}

const distDir = join(REPO_ROOT, 'dist')
let server: WallServer
try {
  server = createWallServer({
    upstream,
    host: config.host,
    port: config.port,
    heartbeatMs: config.heartbeatMs,
    upstreamKind: config.upstream.kind,
    upstreamSilenceMs: config.upstreamSilenceMs,
    distDir: feedOnly ? null : distDir,
    log: timestamped,
    limits: config.limits,
    viewToken,
    allowedOrigins: config.control.allowedOrigins ?? ['same-origin'],
    allowedHosts: config.allowedHosts,
    peers: config.peers,
    ...(broker && { brokerStatus: () => ({ hubId: broker!.hubId, available: broker!.available, runsPlaylistClock: broker!.playlistClock.isLeader }) }),
    tls,
  })
}
catch (error) {
  fail(`cannot start: ${(error as Error).message}`)
}

// The last line of defence: a bug in one handler is logged and counted, and the walls stay up.
process.on('uncaughtException', (error) => {
  server.countError()
  timestamped(`[server] unexpected error (counted in /healthz, not fatal): ${escapeForLog(error.stack ?? String(error), 600)}`)
})
process.on('unhandledRejection', (reason) => {
  server.countError()
  timestamped(`[server] unexpected rejection (counted in /healthz, not fatal): ${escapeForLog(String(reason), 600)}`)
})

const clusterWalls: ClusterWalls | null = broker && shareWalls(server.hub, {
  hubId: broker.hubId,
  walls: broker.walls,
  broker,
  onError: error => timestamped(`[broker] walls not reported: ${(error as Error).message}`),
})
const control = createControlEndpoint({
  hub: clusterWalls ? { getWallState: server.hub.getWallState, setWallState: server.hub.setWallState, clients: clusterWalls.clients } : server.hub,
  ...(broker && { shared: broker }),
  config: {
    allowedOrigins: config.control.allowedOrigins ?? ['same-origin'],
    commandsPerSecond: config.control.commandsPerSecond ?? 10,
  },
  dataDir: config.dataDir,
  pages: PAGES.map(p => ({ id: p.id, title: p.titles })),
  tours,
  token: process.env.WALL_CONTROL_TOKEN,
  log: lineLog(timestamped),
  limits: config.limits,
  scheme: server.scheme,
  ownHosts: server.ownHosts,
})
server.upgradeRoutes.set(CONTROL_PATH, (req, socket, head) => void control.handleUpgrade(req, socket, head))
server.hub.onClientsChanged(() => control.notifyWallsChanged())

if (broker) {
  const shared = broker
  shared.onAvailabilityChange(up => timestamped(up ? '[broker] NATS reachable again: shared and controllable' : '[broker] NATS unreachable: serving last values as stale, control refused'))
  shared.playlistClock.onChange(leader => timestamped(leader ? '[broker] this hub runs the playlist clock' : '[broker] this hub no longer runs the playlist clock'))
  await control.ready
}

// The adapter's own judgement of its system, as soon as it knows: one line per change.
upstream.onHealth?.((health) => {
  timestamped(health.ok ? '[upstream] healthy again' : `[upstream] unhealthy: ${health.reason ?? 'failing'}`)
})

let port: number
try {
  ({ port } = await server.listen())
}
catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  await server.close()
  fail(code === 'EADDRINUSE'
    ? `${config.host}:${config.port} is already in use (set PORT to another port)`
    : `cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`)
}

// A wildcard address is not something to type into a browser.
const shownHost = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host
const http = tls ? 'https' : 'http'
const ws = tls ? 'wss' : 'ws'
const source = `${upstream.info.name}${upstream.info.simulated ? ', simulated data' : ''}`
if (feedOnly) {
  console.log(`Command Wall: feed-only at ${ws}://${shownHost}:${port}/feed (${source})`)
}
else {
  // The viewer token is printed once here, like the control URL; the wall moves it out of its address bar.
  console.log(`Command Wall: wall at ${http}://${shownHost}:${port}/wall${viewToken ? `?view=${encodeURIComponent(viewToken)}` : ''}`)
  console.log(`Command Wall: control at ${control.controlUrl(`${http}://${shownHost}:${port}`)}`)
  console.log(`Command Wall: feed ${ws}://${shownHost}:${port}/feed (${source})`)
  if (broker)
    console.log(`Command Wall: hub ${broker.hubId} of the deployment on ${config.broker!.url}`)
  if (!existsSync(join(distDir, 'index.html')))
    console.log('Command Wall: dist/ is not built: pages answer 503 until `npm run build` has run')
}

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) {
    // A second Ctrl-C means now.
    process.exit(130)
  }
  stopping = true
  console.log(`Command Wall: ${signal}, closing connections`)
  const force = setTimeout(() => process.exit(1), 5000)
  force.unref()
  control.close()
  clusterWalls?.stop()
  // Resign the playlist clock and take this hub's walls off the directory, so the others know at once.
  await broker?.close().catch(() => {})
  await server.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
