/**
 * What every adapter needs besides its transport: a health report that only speaks on change, and
 * a count of what it dropped, logged once per window per kind, never silently.
 */
import { validateTopic, type TopicPayloads } from '#protocol'
import { createThrottledLog } from '../guard.ts'
import type { Upstream, UpstreamHealth, UpstreamListener } from './index.ts'
import { DROP_LOG_EVERY_MS } from './limits.ts'

/** What an adapter dropped, by `topic: reason`, for `stats()` and the logs. */
export interface AdapterStats {
  /** payloads passed on to the hub */
  emitted: number
  /** payloads built but not passed on, by "topic: reason" (e.g. "national.kpi: badPayload") */
  dropped: Record<string, number>
  /** failed requests or connections, by short reason */
  failures: Record<string, number>
  /** the current health */
  health: UpstreamHealth
}

export interface AdapterCore {
  readonly stats: () => AdapterStats
  /** change of health; repeated states are not reported again */
  setHealth: (health: UpstreamHealth) => void
  onHealth: (listener: (health: UpstreamHealth) => void) => () => void
  subscribe: (listener: UpstreamListener) => () => void
  /** validate, then pass on to every listener; false (and counted, logged) when invalid */
  emit: (topic: string, payload: unknown) => boolean
  /** count and log a payload that is not passed on, by topic and reason */
  drop: (topic: string, reason: string, detail: string) => void
  /** count a failure (a request, a connection) by its short reason */
  fail: (reason: string) => void
  /** the latest valid payload of every topic emitted */
  readonly latest: Map<string, unknown>
  /** what an adapter's Upstream serves straight from its core: spread it into the adapter */
  readonly upstream: Required<Pick<Upstream, 'snapshot' | 'subscribe' | 'onHealth' | 'stats'>>
}

const MAX_REASON = 200

export function createAdapterCore(name: string, options: { log?: (line: string) => void, now?: () => number } = {}): AdapterCore {
  const log = options.log ?? ((line: string) => console.log(line))
  const now = options.now ?? Date.now
  const listeners = new Set<UpstreamListener>()
  const healthListeners = new Set<(health: UpstreamHealth) => void>()
  const latest = new Map<string, unknown>()
  const stats: AdapterStats = { emitted: 0, dropped: {}, failures: {}, health: { ok: true } }
  const logged = createThrottledLog(() => {}, { windowMs: DROP_LOG_EVERY_MS, now })

  function logOnce(key: string, line: string): void {
    const more = logged.take(key)
    if (more >= 0)
      log(`[upstream ${name}] ${line}${more ? ` (${more} more since the last report)` : ''}`)
  }

  function safely(fn: () => void, what: string): void {
    try {
      fn()
    }
    catch (error) {
      logOnce(`listener:${what}`, `a ${what} listener failed: ${(error as Error).message}`)
    }
  }

  function drop(topic: string, reason: string, detail: string): void {
    const key = `${topic.slice(0, 64)}: ${reason}`
    stats.dropped[key] = (stats.dropped[key] ?? 0) + 1
    logOnce(`drop:${key}`, `dropped ${key}: ${detail}`)
  }

  const core: Omit<AdapterCore, 'upstream'> = {
    stats: () => ({ ...stats, dropped: { ...stats.dropped }, failures: { ...stats.failures }, health: { ...stats.health } }),
    setHealth(health) {
      if (health.ok === stats.health.ok)
        return
      const next: UpstreamHealth = health.ok ? { ok: true } : { ok: false, reason: (health.reason ?? 'failing').slice(0, MAX_REASON) }
      stats.health = next
      for (const listener of healthListeners)
        safely(() => listener({ ...next }), 'health')
    },
    onHealth(listener) {
      healthListeners.add(listener)
      return () => healthListeners.delete(listener)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    drop,
    emit(topic, payload) {
      if (topic === 'wall.state') {
        drop(topic, 'ownedByHub', 'the wall state belongs to this hub')
        return false
      }
      const checked = validateTopic(topic, payload, now())
      if (!checked.ok) {
        drop(topic, checked.rejection.reason, checked.rejection.detail)
        return false
      }
      stats.emitted++
      latest.set(topic, checked.data)
      for (const listener of listeners)
        safely(() => listener(topic, checked.data), 'topic')
      return true
    },
    fail(reason) {
      const key = reason.slice(0, 80)
      stats.failures[key] = (stats.failures[key] ?? 0) + 1
      logOnce(`fail:${key}`, reason.slice(0, MAX_REASON))
    },
    latest,
  }
  return {
    ...core,
    upstream: { snapshot: () => Object.fromEntries(latest) as Partial<TopicPayloads>, subscribe: core.subscribe, onHealth: core.onHealth, stats: core.stats },
  }
}
