/**
 * Server configuration: config/server.json, then environment variables on top.
 * Anything wrong stops the server before it listens, with a message naming the key and,
 * where it came from the environment, the variable.
 */
import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import { UPSTREAM_KINDS, type UpstreamSettings } from '../upstream/index.ts'
import { CONFIGURABLE_LIMITS, resolveLimits, type Limits } from '../limits.ts'

/** The repository root, whatever the working directory the server was started from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const DEFAULT_CONFIG_FILE = resolve(REPO_ROOT, 'config/server.json')

/**
 * The hub calls its upstream stale after this long without a valid payload. The simulator sends
 * at least once a second, and a wall marks data older than its own staleAfterMs (10 s) anyway:
 * 10 s of silence is a fault, not a quiet moment. An upstream that sends more slowly says so
 * (UpstreamInfo.expectedIntervalMs) and gets UPSTREAM_SILENCE_PERIODS of its interval instead;
 * `upstreamSilenceMs` in config/server.json (UPSTREAM_SILENCE_MS) overrides both.
 */
export const UPSTREAM_SILENCE_MS = 10_000
/** Missed intervals in a row that make an upstream with a known rate stale: one late poll is not a fault. */
export const UPSTREAM_SILENCE_PERIODS = 3
/**
 * The walls hear of new upstream rejects at most this often (a heartbeat carrying the counters),
 * so an adapter that sends garbage ten times a second costs each wall one small frame per period.
 * A change of the upstream's state is sent at once.
 */
export const UPSTREAM_REPORT_EVERY_MS = 5_000

/** The silence that makes an upstream stale: configured, else derived from its rate, else the default. */
export function upstreamSilenceMs(expectedIntervalMs: number | undefined, configured?: number): number {
  if (configured !== undefined)
    return configured
  if (expectedIntervalMs !== undefined && Number.isFinite(expectedIntervalMs) && expectedIntervalMs > 0)
    return Math.max(UPSTREAM_SILENCE_MS, UPSTREAM_SILENCE_PERIODS * expectedIntervalMs)
  return UPSTREAM_SILENCE_MS
}

/** Environment variable → the key it overrides; `number` ones must parse as numbers. */
export const ENV_OVERRIDES = {
  PORT: { path: ['port'], number: true },
  HOST: { path: ['host'], number: false },
  HEARTBEAT_MS: { path: ['heartbeatMs'], number: true },
  DATA_DIR: { path: ['dataDir'], number: false },
  UPSTREAM: { path: ['upstream', 'kind'], number: false },
  SEED: { path: ['upstream', 'seed'], number: true },
  FEED_RATE: { path: ['upstream', 'messagesPerSecond'], number: true },
  UPSTREAM_URL: { path: ['upstream', 'url'], number: false },
  REPLAY_FILE: { path: ['upstream', 'file'], number: false },
  REPLAY_SPEED: { path: ['upstream', 'speed'], number: true },
  UPSTREAM_SILENCE_MS: { path: ['upstreamSilenceMs'], number: true },
  FEED_CONNECTIONS_PER_ADDRESS: { path: ['limits', 'feedConnectionsPerAddress'], number: true },
  SIM_CLOCK: { path: ['upstream', 'clock'], number: false },
  PEER_HUBS: { path: ['peers'], number: false },
  NATS_URL: { path: ['broker', 'url'], number: false },
  HUB_ID: { path: ['broker', 'hubId'], number: false },
  NATS_REPLICAS: { path: ['broker', 'replicas'], number: true },
} as const satisfies Record<string, { path: readonly string[], number: boolean }>

const limitValue = v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1')))
const limitsSchema = v.strictObject(Object.fromEntries(CONFIGURABLE_LIMITS.map(name => [name, limitValue])) as Record<typeof CONFIGURABLE_LIMITS[number], typeof limitValue>)

const configSchema = v.strictObject({
  $comment: v.optional(v.string()),
  host: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  port: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0), v.maxValue(65535)),
  /** matches the protocol's SourceInfo.heartbeatMs bounds */
  heartbeatMs: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(100), v.maxValue(60_000)),
  dataDir: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  /** see UPSTREAM_SILENCE_MS; at least a second, at most an hour */
  upstreamSilenceMs: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1000), v.maxValue(3_600_000))),
  upstream: v.looseObject({
    kind: v.picklist(Object.keys(UPSTREAM_KINDS), `must be one of: ${Object.keys(UPSTREAM_KINDS).join(', ')}`),
  }),
  /** limits.ts values a centre overrides, e.g. feedConnectionsPerAddress behind one NAT */
  limits: v.optional(limitsSchema, {}),
  /** names this server answers to beyond its host name and addresses (a DNS alias the walls use) */
  allowedHosts: v.optional(v.array(v.pipe(v.string(), v.minLength(1))), []),
  /** the deployment's other hubs (http(s)://host:port), which walls may fail over between; a list, or commas */
  peers: v.optional(v.pipe(
    v.union([v.array(v.string()), v.pipe(v.string(), v.transform(text => text.split(',').map(peer => peer.trim()).filter(peer => peer !== '')))]),
    v.array(v.pipe(v.string(), v.regex(/^https?:\/\/[\w.:[\]-]+$/i, 'each must be http(s)://host:port'), v.transform(peer => peer.toLowerCase()))),
  ), []),
  /** broker mode: hubs sharing topics, wall state, audit and walls on NATS (docs/deploy.md) */
  broker: v.optional(v.strictObject({
    /** nats://host:4222, or several separated by commas (the members of a cluster) */
    url: v.optional(v.pipe(v.string(), v.regex(/^(nats|tls):\/\/\S+$/, 'must be nats://host:port (several separated by commas)'))),
    /** unique in the deployment; default <host name>:<port> */
    hubId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(48), v.regex(/^[\w.:-]+$/, 'letters, digits, . : _ - only'))),
    /** copies of each bucket and stream a hub creates: 1 on one nats-server, 3 on a cluster */
    replicas: v.optional(v.picklist([1, 3, 5], 'must be 1, 3 or 5')),
  }), {}),
  /** read by the control channel; only its shape is checked here */
  control: v.optional(v.looseObject({
    allowedOrigins: v.optional(v.array(v.string())),
    commandsPerSecond: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0.1))),
  }), {}),
})

export interface ServerConfig {
  host: string
  port: number
  heartbeatMs: number
  /** absolute path; relative paths in the file are taken from the repository root */
  dataDir: string
  /** the upstream section, checked further by its kind */
  upstream: UpstreamSettings
  /** no valid upstream payload for this long → upstream stale; undefined: derived (upstreamSilenceMs()) */
  upstreamSilenceMs?: number
  /** the control section, for the control channel */
  control: { allowedOrigins?: string[], commandsPerSecond?: number, [key: string]: unknown }
  /** limits.ts defaults with the file's `limits` on top */
  limits: Limits
  allowedHosts: string[]
  /** the deployment's other hubs, as origins: walls may fail over between them */
  peers: string[]
  /** broker mode when `url` is set (NATS_URL); absent: one process, as embedded */
  broker?: { url: string, hubId?: string, replicas?: number }
  /** the file it was read from */
  file: string
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export interface LoadConfigOptions {
  /** default config/server.json */
  file?: string
  /** default process.env */
  env?: Record<string, string | undefined>
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target
  for (const key of path.slice(0, -1)) {
    const next = node[key]
    if (typeof next !== 'object' || next === null || Array.isArray(next))
      node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[path[path.length - 1] as string] = value
}

export function loadConfig(options: LoadConfigOptions = {}): ServerConfig {
  const file = options.file ?? DEFAULT_CONFIG_FILE
  const env = options.env ?? process.env

  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  }
  catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(`${file}: the top level must be a JSON object`)
  const merged = structuredClone(raw) as Record<string, unknown>

  // Another kind of upstream does not understand this one's settings: start it from a clean section.
  const kindFromEnv = env.UPSTREAM
  const fileUpstream = merged.upstream as { kind?: unknown } | undefined
  if (kindFromEnv !== undefined && kindFromEnv !== '' && fileUpstream?.kind !== kindFromEnv)
    merged.upstream = {}

  /** dotted key → the variable that set it, to name it in error messages */
  const fromEnv = new Map<string, string>()
  for (const [name, rule] of Object.entries(ENV_OVERRIDES)) {
    const text = env[name]
    if (text === undefined || text === '')
      continue
    let value: string | number = text
    if (rule.number) {
      value = Number(text.trim())
      if (!/^-?\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value))
        throw new ConfigError(`environment ${name}=${JSON.stringify(text)}: not a number`)
    }
    setPath(merged, rule.path, value)
    fromEnv.set(rule.path.join('.'), `${name}=${text}`)
  }

  const result = v.safeParse(configSchema, merged)
  if (!result.success) {
    const lines = result.issues.map((issue) => {
      const path = v.getDotPath(issue) ?? '(top level)'
      const origin = fromEnv.get(path)
      return `  ${path}: ${issue.message}${origin ? ` (from environment ${origin})` : ''}`
    })
    throw new ConfigError(`invalid configuration in ${file}:\n${lines.join('\n')}`)
  }
  const config = result.output
  if (config.upstream.kind === 'nats' && !config.broker.url)
    throw new ConfigError(`invalid configuration in ${file}:\n  upstream.kind: nats takes its data from NATS: set NATS_URL too`)
  return {
    host: config.host,
    port: config.port,
    heartbeatMs: config.heartbeatMs,
    dataDir: isAbsolute(config.dataDir) ? config.dataDir : resolve(REPO_ROOT, config.dataDir),
    upstream: config.upstream as UpstreamSettings,
    ...(config.upstreamSilenceMs !== undefined && { upstreamSilenceMs: config.upstreamSilenceMs }),
    control: config.control,
    limits: resolveLimits(Object.fromEntries(Object.entries(config.limits).filter(([, value]) => value !== undefined)) as Partial<Limits>),
    allowedHosts: config.allowedHosts,
    peers: config.peers,
    ...(config.broker.url && { broker: { ...config.broker, url: config.broker.url } }),
    file,
  }
}
