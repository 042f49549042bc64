// The upstreams of broker mode over the in-memory topic bus: what a publishing hub shares, what a
// hub fed from NATS takes, and how both report a broker out of reach.
import { describe, expect, it } from 'vitest'
import { createMemoryTopicBus } from '../broker/memory.ts'
import type { TopicBus } from '../broker/types.ts'
import { Simulation } from '../../mock-server/simulator/model.ts'
import type { Upstream, UpstreamHealth, UpstreamListener } from './index.ts'
import { BROKER_UNREACHABLE, createNatsUpstream, publishToBroker, type UpstreamBroker } from './nats.ts'

function broker(topics: TopicBus = createMemoryTopicBus()) {
  let available = true
  const listeners = new Set<(up: boolean) => void>()
  const value: UpstreamBroker & { set: (up: boolean) => void } = {
    topics,
    get available() {
      return available
    },
    onAvailabilityChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    set(up) {
      available = up
      listeners.forEach(listener => listener(up))
    },
  }
  return value
}

function source(): Upstream & { emit: UpstreamListener } {
  const listeners = new Set<UpstreamListener>()
  return {
    info: { name: 'Simulator (seed 7)', simulated: true },
    snapshot: () => ({}),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {},
    stop() {},
    emit: (topic, payload) => listeners.forEach(listener => listener(topic, payload)),
  }
}

const kpi = () => new Simulation({ seed: 7, start: Date.now() }).counters().kpi

describe('broker mode upstreams', () => {
  it('publishes what the hub would accept, and a late hub fed from NATS has it at once, with the source\'s mark', async () => {
    const shared = broker()
    const inner = source()
    const publishing = publishToBroker(inner, shared, { log: () => {} })
    const seen: string[] = []
    publishing.subscribe(topic => seen.push(topic))
    publishing.start()
    const good = kpi()
    inner.emit('national.kpi', good)
    inner.emit('national.kpi', { ...good, casesReceivedYtd: -1 })
    inner.emit('wall.state', { page: 'x' })
    // The hub sees everything (and judges it); the stream has only what is valid.
    expect(seen).toEqual(['national.kpi', 'national.kpi', 'wall.state'])
    await new Promise(resolve => setTimeout(resolve, 0))
    expect([...(await shared.topics.lastValues()).keys()].sort()).toEqual(['_source', 'national.kpi'])

    const late = await createNatsUpstream(broker(shared.topics), { log: () => {} })
    expect(late.info).toEqual({ name: 'NATS: Simulator (seed 7)', simulated: true })
    expect(late.snapshot()).toEqual({ 'national.kpi': good })
    const next: unknown[] = []
    late.subscribe((_, payload) => next.push(payload))
    const newer = { ...good, casesReceivedYtd: good.casesReceivedYtd + 1 }
    inner.emit('national.kpi', newer)
    await new Promise(resolve => setTimeout(resolve, 0))
    expect(next).toEqual([newer])
    late.stop()
  })

  it('reports itself unhealthy while the broker is out of reach, and well again after', async () => {
    const shared = broker()
    const publishing = publishToBroker(source(), shared, { log: () => {} })
    const fed = await createNatsUpstream(shared, { log: () => {} })
    const health: [string, UpstreamHealth][] = []
    publishing.onHealth?.(h => health.push(['publishing', h]))
    fed.onHealth?.(h => health.push(['fed', h]))
    publishing.start()
    shared.set(false)
    shared.set(true)
    const of = (name: string) => health.filter(([who]) => who === name).map(([, h]) => h)
    for (const name of ['publishing', 'fed'])
      expect(of(name)).toEqual([BROKER_UNREACHABLE, { ok: true }])
    fed.stop()
  })
})
