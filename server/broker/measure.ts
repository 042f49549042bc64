/**
 * A short measurement of the broker layer on this machine (about half a minute, 127.0.0.1 only):
 * its own nats-server, two hubs as two connections. Prints what the deploy notes quote.
 *
 *   npx tsx server/broker/measure.ts
 *
 * - command: load → reducer → compare-and-set on the shared state, one hub, one after another
 * - command → other hub: from the start of a command on hub A until hub B's watch has the new state
 * - topic → other hub: from publish on hub A until hub B's subscription has the payload
 * - encode once: CPU to serialise one patch for 1,000 walls, per wall vs once
 */
import { performance } from 'node:perf_hooks'
import { applyCommand, createDefaultWallState } from '#control'
import { patchFrame, PAGE_IDS, UNIT_IDS, type Topic, type TopicPayloads } from '#protocol'
import { percentile } from '../../bench/lib/stats.ts'
import { DEFAULT_SEED } from '../../src/domain/constants.ts'
import { createSimulatorUpstream } from '../upstream/simulator.ts'
import { applyToStore } from './commit.ts'
import { createFanoutEncoder } from './fanout.ts'
import { connectNatsBroker } from './nats/index.ts'
import { startNatsServer } from './testing.ts'

/** Samples per figure: enough for a p99 to mean something, few enough to finish in seconds. */
const SAMPLES = 300
const WALLS = 1000

function line(label: string, values: number[]): void {
  const f = (p: number) => (percentile(values, p) ?? 0).toFixed(2)
  console.log(`${label.padEnd(34)} n=${values.length}  p50 ${f(50)} ms  p95 ${f(95)} ms  p99 ${f(99)} ms`)
}

const nats = await startNatsServer()
const a = await connectNatsBroker({ servers: nats.url, hubId: 'hub-a' })
const b = await connectNatsBroker({ servers: nats.url, hubId: 'hub-b' })
try {
  const registry = { pages: new Set(PAGE_IDS), units: new Set(UNIT_IDS) }
  const initial = () => createDefaultWallState(Date.now())
  const command = (i: number) => applyToStore(a.wallState, state =>
    applyCommand(state, { kind: 'setBanner', text: `第 ${i} 条` }, { ...registry, now: Date.now() }), { initial })

  const commandMs: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now()
    await command(i)
    commandMs.push(performance.now() - t)
  }
  line('command (one hub)', commandMs)

  // When hub B's watch had each revision, and who waits for which.
  const seenAt = new Map<number, number>()
  const waiters = new Map<number, () => void>()
  const stop = await b.wallState.watch((current) => {
    seenAt.set(current.state.revision, performance.now())
    waiters.get(current.state.revision)?.()
  })
  const acrossMs: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now()
    const result = await command(SAMPLES + i)
    if (!result.ok)
      continue
    const revision = result.state.revision
    if (!seenAt.has(revision))
      await new Promise<void>(resolve => waiters.set(revision, resolve))
    acrossMs.push(seenAt.get(revision)! - t)
  }
  stop()
  line('command → wall state on other hub', acrossMs)

  const payloads = createSimulatorUpstream({ seed: DEFAULT_SEED, messagesPerSecond: 10 }).snapshot()
  const kpi = payloads['national.kpi']!
  let arrived: (() => void) | null = null
  const subscription = await b.topics.subscribe(() => arrived?.())
  await subscription.ready
  const topicMs: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now()
    const got = new Promise<void>((resolve) => {
      arrived = resolve
    })
    await a.topics.publish('national.kpi', { ...kpi, asOf: Date.now() })
    await got
    topicMs.push(performance.now() - t)
  }
  subscription.stop()
  line('topic → other hub', topicMs)

  for (const topic of ['national.kpi', 'province.stats'] as Topic[]) {
    const data = payloads[topic] as TopicPayloads[typeof topic]
    const perWall: number[] = []
    const once: number[] = []
    for (let round = 0; round < 20; round++) {
      let t = performance.now()
      for (let wall = 0; wall < WALLS; wall++)
        Buffer.from(patchFrame(wall, Date.now(), topic, data))
      perWall.push(performance.now() - t)
      const encoder = createFanoutEncoder()
      t = performance.now()
      encoder.patch(topic, data, Date.now())
      once.push(performance.now() - t)
    }
    const bytes = Buffer.byteLength(patchFrame(0, 0, topic, data))
    console.log(`encode ${topic} (${bytes} B) for ${WALLS} walls: per wall p50 ${(percentile(perWall, 50) ?? 0).toFixed(2)} ms, once p50 ${(percentile(once, 50) ?? 0).toFixed(3)} ms`)
  }
}
finally {
  await Promise.allSettled([a.close(), b.close()])
  await nats.dispose()
}
