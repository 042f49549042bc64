/**
 * The http upstream: polls a REST/JSON system (UPSTREAM_URL) with a declarative mapping per topic
 * (http/mapping.ts; the shipped one, http/mock-server.mapping.ts, targets mock-server). Each topic
 * has its own timer: a slow or failing endpoint delays only its own topic, and backs off
 * (interval × 2^failures, up to a minute) until it answers again. What a mapping builds is
 * validated against the topic's schema before it is passed on; what fails is counted and logged.
 */
import * as v from 'valibot'
import { createAdapterCore, type AdapterStats } from './health.ts'
import { parseSettings, requireSetting, shownUrl, type Upstream, type UpstreamKind, type UpstreamSettings } from './index.ts'
import { HTTP_MAX_BACKOFF_MS, HTTP_MAX_BODY_BYTES, HTTP_MAX_PAGES, HTTP_TIMEOUT_MS } from './limits.ts'
import { buildPayload, getPath, MappingError, type RequestSpec, type SystemMapping, type TopicMapping } from './http/mapping.ts'
import { mockServerMapping } from './http/mock-server.mapping.ts'

export interface HttpUpstreamOptions {
  /** base URL of the system, e.g. http://127.0.0.1:8090 */
  url: string
  mapping: SystemMapping
  /** per request; default HTTP_TIMEOUT_MS */
  timeoutMs?: number
  /** longest wait after failures; default HTTP_MAX_BACKOFF_MS */
  maxBackoffMs?: number
  /** multiply every topic's poll interval (tests, benchmarks); default 1 */
  intervalScale?: number
  /** default console.log */
  log?: (line: string) => void
  /** default globalThis.fetch */
  fetch?: typeof fetch
}

export interface HttpUpstream extends Upstream {
  stats: () => AdapterStats
}

/** A request that failed: the reason is what the health report and the log say. */
class RequestFailure extends Error {
  override name = 'RequestFailure'
}

export function createHttpUpstream(options: HttpUpstreamOptions): HttpUpstream {
  const base = options.url.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? HTTP_TIMEOUT_MS
  const maxBackoffMs = options.maxBackoffMs ?? HTTP_MAX_BACKOFF_MS
  const scale = options.intervalScale ?? 1
  const doFetch = options.fetch ?? globalThis.fetch
  const { mapping } = options
  const core = createAdapterCore(`http ${mapping.name}`, { log: options.log })
  /** topics whose last poll failed, with why */
  const failing = new Map<string, string>()
  const timers = new Map<string, NodeJS.Timeout>()
  const controllers = new Set<AbortController>()
  let running = false

  function reportHealth(): void {
    const first = failing.entries().next()
    core.setHealth(first.done ? { ok: true } : { ok: false, reason: `${first.value[0]}: ${first.value[1]}` })
  }

  async function getJson(path: string, query: Record<string, string>): Promise<unknown> {
    const url = new URL(`${base}${path}`)
    for (const [key, value] of Object.entries(query))
      url.searchParams.set(key, value)
    const controller = new AbortController()
    controllers.add(controller)
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    let text: string
    try {
      const response = await doFetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } })
      if (!response.ok) {
        void response.body?.cancel().catch(() => {})
        throw new RequestFailure(`HTTP ${response.status} from ${path}`)
      }
      const length = Number(response.headers.get('content-length') ?? 0)
      if (length > HTTP_MAX_BODY_BYTES) {
        void response.body?.cancel().catch(() => {})
        throw new RequestFailure(`${path}: body of ${length} bytes is over ${HTTP_MAX_BODY_BYTES}`)
      }
      text = await response.text()
    }
    catch (error) {
      if (error instanceof RequestFailure)
        throw error
      if (controller.signal.aborted)
        throw new RequestFailure(running ? `no answer from ${path} in ${timeoutMs} ms` : 'stopped')
      const cause = (error as { cause?: { code?: string } }).cause?.code
      throw new RequestFailure(`${path}: ${cause ?? (error as Error).message}`)
    }
    finally {
      clearTimeout(timer)
      controllers.delete(controller)
    }
    if (text.length > HTTP_MAX_BODY_BYTES)
      throw new RequestFailure(`${path}: body over ${HTTP_MAX_BODY_BYTES} bytes`)
    let json: unknown
    try {
      json = JSON.parse(text)
    }
    catch {
      throw new RequestFailure(`${path}: not JSON: ${text.slice(0, 40)}`)
    }
    const { envelope } = mapping
    if (envelope.ok && getPath(json, envelope.ok.path) !== envelope.ok.equals) {
      const message = envelope.message ? getPath(json, envelope.message) : undefined
      throw new RequestFailure(`${path}: the system answered ${String(getPath(json, envelope.ok.path))}${typeof message === 'string' ? ` ${message.slice(0, 80)}` : ''}`)
    }
    return getPath(json, envelope.data)
  }

  async function request(spec: RequestSpec): Promise<unknown> {
    const paging = spec.paging
    if (!paging)
      return getJson(spec.path, spec.query ?? {})
    const first = paging.first ?? 1
    const rows: unknown[] = []
    let answer: unknown
    for (let page = first; page < first + HTTP_MAX_PAGES; page++) {
      const data = await getJson(spec.path, { ...spec.query, [paging.pageParam]: String(page), [paging.sizeParam]: String(paging.size) })
      answer ??= data
      const pageRows = getPath(data, paging.rows)
      if (!Array.isArray(pageRows))
        throw new RequestFailure(`${spec.path}: ${paging.rows} is not a list on page ${page}`)
      rows.push(...pageRows)
      const total = paging.total === undefined ? undefined : getPath(data, paging.total)
      const done = typeof total === 'number' ? rows.length >= total : pageRows.length < paging.size
      if (done || pageRows.length === 0)
        return setRows(answer, paging.rows, rows)
    }
    throw new RequestFailure(`${spec.path}: more than ${HTTP_MAX_PAGES} pages`)
  }

  function setRows(answer: unknown, path: string, rows: unknown[]): unknown {
    // The first page's answer, with the rows of every page in its rows' place.
    const copy = structuredClone(answer) as Record<string, unknown>
    const keys = path.split('.')
    let node = copy
    for (const key of keys.slice(0, -1))
      node = node[key] as Record<string, unknown>
    node[keys[keys.length - 1] as string] = rows
    return copy
  }

  async function poll(topic: TopicMapping): Promise<boolean> {
    try {
      const answers: Record<string, unknown> = {}
      for (const [name, spec] of Object.entries(topic.requests))
        answers[name] = await request(spec)
      let payload: unknown
      try {
        payload = buildPayload(topic, answers)
      }
      catch (error) {
        if (!(error instanceof MappingError))
          throw error
        // The system answered, but not what the mapping expects: a drop, not an outage.
        core.drop(topic.topic, 'unmappable', error.message)
        failing.delete(topic.topic)
        return true
      }
      core.emit(topic.topic, payload)
      failing.delete(topic.topic)
      return true
    }
    catch (error) {
      const reason = error instanceof RequestFailure ? error.message : `unexpected: ${(error as Error).message}`
      if (!running)
        return false
      core.fail(`${topic.topic}: ${reason}`)
      failing.set(topic.topic, reason)
      return false
    }
    finally {
      reportHealth()
    }
  }

  function schedule(topic: TopicMapping, failures: number, delay: number): void {
    if (!running)
      return
    timers.set(topic.topic, setTimeout(() => {
      void poll(topic).then((ok) => {
        const interval = topic.intervalMs * scale
        const nextFailures = ok ? 0 : failures + 1
        schedule(topic, nextFailures, ok ? interval : Math.min(maxBackoffMs, interval * 2 ** nextFailures))
      }).catch((error: unknown) => {
        // Not expected (poll catches its own errors), but a timer callback must never take the server down.
        core.fail(`${topic.topic}: polling stopped: ${(error as Error).message}`)
      })
    }, delay))
  }

  return {
    info: { name: `http ${mapping.name} ${shownUrl(base)}`.slice(0, 80), simulated: false },
    ...core.upstream,
    start() {
      if (running)
        return
      running = true
      // Every topic at once at start, so the wall fills as soon as the system answers.
      for (const topic of mapping.topics)
        schedule(topic, 0, 0)
    },
    stop() {
      running = false
      for (const timer of timers.values())
        clearTimeout(timer)
      timers.clear()
      for (const controller of controllers)
        controller.abort()
    },
  }
}

/** Mappings the http kind can be told to use by name (`upstream.mapping`). */
const MAPPINGS: Record<string, SystemMapping> = {
  'mock-server': mockServerMapping,
}

const settingsSchema = v.strictObject({
  kind: v.literal('http'),
  url: v.pipe(v.string(), v.url('must be a URL, e.g. http://127.0.0.1:8090'), v.regex(/^https?:\/\//i, 'must start with http:// or https://')),
  mapping: v.optional(v.picklist(Object.keys(MAPPINGS), `must be one of: ${Object.keys(MAPPINGS).join(', ')}`), 'mock-server'),
  timeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(60_000)), HTTP_TIMEOUT_MS),
})

export const httpUpstreamKind: UpstreamKind = {
  create(settings: UpstreamSettings) {
    requireSetting(settings, 'url', 'UPSTREAM_URL=http://host:port')
    const { url, mapping, timeoutMs } = parseSettings('http', settingsSchema, settings)
    return createHttpUpstream({ url, mapping: MAPPINGS[mapping] as SystemMapping, timeoutMs })
  },
}
