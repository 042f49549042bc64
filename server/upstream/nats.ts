/**
 * Upstreams in broker mode (NATS_URL, docs/deploy.md).
 *
 * - `UPSTREAM=nats`: a hub that takes its data only from the deployment's topic stream, which the
 *   publishing hubs fill. It reads the last value of every topic before the hub starts, so a hub
 *   that joins late shows everything at once, then every new value.
 * - `publishToBroker`: any other upstream, whose valid payloads the hub also publishes on
 *   `wall.topic.<topic>` for the others.
 *
 * Either way the upstream reports itself unhealthy while NATS is out of reach: the hub then marks
 * its data upstream-stale (walls keep the values with their stale marks), because what the walls
 * show is no longer the deployment's shared picture, and control is refused meanwhile.
 *
 * A deployment publishes each topic from one hub (or several of the same source): the stream keeps
 * the last value whoever sent it.
 */
import { validateTopic } from '#protocol'
import type { BrokerAvailability, TopicBus, TopicSubscription } from '../broker/types.ts'
import { createAdapterCore } from './health.ts'
import type { Upstream, UpstreamHealth, UpstreamKind, UpstreamListener } from './index.ts'
import { DROP_LOG_EVERY_MS } from './limits.ts'

/** What an upstream in broker mode needs of the broker. */
export interface UpstreamBroker extends BrokerAvailability {
  topics: TopicBus
}

/** The health reported while NATS is out of reach. */
export const BROKER_UNREACHABLE: UpstreamHealth = {
  ok: false,
  reason: 'NATS unreachable: data not shared between hubs, control unavailable',
}

/**
 * Not a topic: the publishing hub's source (its name and whether its figures are simulated), on
 * wall.topic._source, so a hub fed from NATS marks simulated data 模拟数据 as the publisher does.
 */
export const SOURCE_SUBJECT_TOPIC = '_source'

/** A subscription that failed (NATS gone at that moment) is tried again after this long. */
const RESUBSCRIBE_MS = 1000

/** UPSTREAM=nats. Resolves once the last value of every topic is in hand. */
export async function createNatsUpstream(broker: UpstreamBroker, options: { log?: (line: string) => void } = {}): Promise<Upstream> {
  const core = createAdapterCore('nats', options)
  let subscription: TopicSubscription | null = null
  let retry: NodeJS.Timeout | null = null
  let stopped = false
  let source = { name: 'NATS (shared topics)', simulated: false }

  async function subscribe(): Promise<void> {
    retry = null
    try {
      subscription = await broker.topics.subscribe((topic, payload) => {
        if (topic !== SOURCE_SUBJECT_TOPIC) {
          core.emit(topic, payload)
          return
        }
        const published = payload as { name?: unknown, simulated?: unknown } | null
        if (published && typeof published.name === 'string' && typeof published.simulated === 'boolean')
          source = { name: `NATS: ${published.name}`.slice(0, 80), simulated: published.simulated }
      })
      await subscription.ready
    }
    catch (error) {
      core.fail(`subscribe failed: ${(error as Error).message}`)
      if (!stopped) {
        retry = setTimeout(() => void subscribe(), RESUBSCRIBE_MS)
        retry.unref()
      }
    }
  }

  const unwatch = broker.onAvailabilityChange(up => core.setHealth(up ? { ok: true } : BROKER_UNREACHABLE))
  await subscribe()
  if (!broker.available)
    core.setHealth(BROKER_UNREACHABLE)

  return {
    // As published when this hub started: the walls read it from each snapshot.
    info: source,
    ...core.upstream,
    start() {},
    stop() {
      stopped = true
      if (retry)
        clearTimeout(retry)
      unwatch()
      subscription?.stop()
      subscription = null
    },
  }
}

/**
 * The same upstream, whose valid payloads are also published to the broker, and whose health says
 * so while the broker is out of reach. Its name and `simulated` mark go out once on start.
 */
export function publishToBroker(inner: Upstream, broker: UpstreamBroker, options: { log?: (line: string) => void, now?: () => number } = {}): Upstream {
  const log = options.log ?? ((line: string) => console.log(line))
  const now = options.now ?? Date.now
  let innerHealth: UpstreamHealth = { ok: true }
  let reported: UpstreamHealth = broker.available ? innerHealth : BROKER_UNREACHABLE
  const healthListeners = new Set<(health: UpstreamHealth) => void>()
  let failedSinceLog = 0
  let loggedAt = 0
  let unwatch: (() => void) | null = null
  let unhealth: (() => void) | null = null

  function report(): void {
    const next = broker.available ? innerHealth : BROKER_UNREACHABLE
    if (next.ok === reported.ok && next.reason === reported.reason)
      return
    reported = next
    for (const listener of healthListeners)
      listener({ ...next })
  }

  function publish(topic: string, payload: unknown): void {
    if (topic === 'wall.state' || !broker.available)
      return
    // Only what the hub itself would accept is shared: every other hub trusts the stream as little.
    if (!validateTopic(topic, payload, now()).ok)
      return
    broker.topics.publish(topic, payload).catch((error: unknown) => {
      failedSinceLog++
      if (now() - loggedAt >= DROP_LOG_EVERY_MS) {
        log(`[broker] publishing ${topic} failed (${failedSinceLog} since the last report): ${(error as Error).message}`)
        loggedAt = now()
        failedSinceLog = 0
      }
    })
  }

  return {
    info: inner.info,
    snapshot() {
      const snapshot = inner.snapshot()
      for (const [topic, payload] of Object.entries(snapshot))
        publish(topic, payload)
      return snapshot
    },
    subscribe(listener: UpstreamListener) {
      return inner.subscribe((topic, payload) => {
        // Shared first: the other hubs' walls need not wait while this hub feeds its own.
        publish(topic, payload)
        listener(topic, payload)
      })
    },
    start() {
      broker.topics.publish(SOURCE_SUBJECT_TOPIC, { name: inner.info.name, simulated: inner.info.simulated }).catch(() => {})
      unwatch ??= broker.onAvailabilityChange(() => report())
      unhealth ??= inner.onHealth?.((health) => {
        innerHealth = health
        report()
      }) ?? null
      inner.start()
    },
    stop() {
      unwatch?.()
      unhealth?.()
      unwatch = unhealth = null
      inner.stop()
    },
    ...(inner.onWallState && { onWallState: (state: Parameters<NonNullable<Upstream['onWallState']>>[0]) => inner.onWallState!(state) }),
    onHealth(listener) {
      healthListeners.add(listener)
      // The hub asks before start(): tell it at once when the broker is already out of reach.
      if (!reported.ok)
        listener({ ...reported })
      return () => healthListeners.delete(listener)
    },
    ...(inner.stats && { stats: () => inner.stats!() }),
  }
}

/** The `nats` kind in the factory: built by server/main.ts from the hub's broker, never from settings alone. */
export const natsUpstreamKind: UpstreamKind = {
  create() {
    throw new Error('upstream nats takes its data from NATS: set NATS_URL (docs/deploy.md)')
  },
}
