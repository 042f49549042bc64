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

/** The repository root, whatever the working directory the server was started from. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const DEFAULT_CONFIG_FILE = resolve(REPO_ROOT, 'config/server.json')

/** Environment variable → the key it overrides; `number` ones must parse as numbers. */
export const ENV_OVERRIDES = {
  PORT: { path: ['port'], number: true },
  HOST: { path: ['host'], number: false },
  HEARTBEAT_MS: { path: ['heartbeatMs'], number: true },
  DATA_DIR: { path: ['dataDir'], number: false },
  UPSTREAM: { path: ['upstream', 'kind'], number: false },
  SEED: { path: ['upstream', 'seed'], number: true },
  FEED_RATE: { path: ['upstream', 'messagesPerSecond'], number: true },
  SIM_CLOCK: { path: ['upstream', 'clock'], number: false },
} as const satisfies Record<string, { path: readonly string[], number: boolean }>

const configSchema = v.strictObject({
  $comment: v.optional(v.string()),
  host: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  port: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0), v.maxValue(65535)),
  /** matches the protocol's SourceInfo.heartbeatMs bounds */
  heartbeatMs: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(100), v.maxValue(60_000)),
  dataDir: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  upstream: v.looseObject({
    kind: v.picklist(Object.keys(UPSTREAM_KINDS), `must be one of: ${Object.keys(UPSTREAM_KINDS).join(', ')}`),
  }),
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
  /** the control section, for the control channel */
  control: { allowedOrigins?: string[], commandsPerSecond?: number, [key: string]: unknown }
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
  return {
    host: config.host,
    port: config.port,
    heartbeatMs: config.heartbeatMs,
    dataDir: isAbsolute(config.dataDir) ? config.dataDir : resolve(REPO_ROOT, config.dataDir),
    upstream: config.upstream as UpstreamSettings,
    control: config.control,
    file,
  }
}
