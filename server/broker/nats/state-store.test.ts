import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { applyCommand, createDefaultWallState, type CommandContext } from '#control'
import { PAGE_IDS, UNIT_IDS, type ControlCommand, type WallState } from '#protocol'
import { applyToStore } from '../commit.ts'
import { startNatsServer, type TestNatsServer } from '../testing.ts'
import type { VersionedWallState, WallStateStore } from '../types.ts'
import { connectBroker, type BrokerConnection } from './connection.ts'
import { createNatsWallStateStore } from './state-store.ts'

const T0 = Date.UTC(2026, 11, 2, 8, 0, 0)
let nats: TestNatsServer
const open: BrokerConnection[] = []
let bucketNumber = 0

beforeAll(async () => {
  nats = await startNatsServer()
})
afterEach(async () => {
  await Promise.all(open.splice(0).map(connection => connection.close()))
})
afterAll(async () => {
  await nats?.dispose()
})

/** `count` hubs, each with its own connection, sharing one fresh bucket. */
async function hubs(count: number): Promise<WallStateStore[]> {
  const bucket = `STATE_${++bucketNumber}`
  const stores: WallStateStore[] = []
  for (let i = 0; i < count; i++) {
    const connection = await connectBroker({ servers: nats.url, name: `hub-${i}` })
    open.push(connection)
    stores.push(await createNatsWallStateStore(connection, { bucket }))
  }
  return stores
}

function context(expectRevision?: number): CommandContext {
  const ctx: CommandContext = { pages: new Set(PAGE_IDS), units: new Set(UNIT_IDS), now: T0 }
  return expectRevision === undefined ? ctx : { ...ctx, expectRevision }
}

function command(store: WallStateStore, cmd: ControlCommand, expectRevision?: number) {
  return applyToStore(store, state => applyCommand(state, cmd, context(expectRevision)), {
    initial: () => createDefaultWallState(T0),
  })
}

describe('the wall state in a JetStream KV bucket', () => {
  it('holds nothing at first, then what was created; a second create is refused', async () => {
    const [store] = await hubs(1)
    expect(await store!.load()).toBeNull()
    const first = createDefaultWallState(T0)
    const created = await store!.compareAndSet(first, 0)
    expect(created).toMatchObject({ ok: true })
    expect(await store!.load()).toEqual({ state: first, revision: (created as { revision: number }).revision })
    const again = await store!.compareAndSet({ ...first, banner: 'again' }, 0)
    expect(again).toMatchObject({ ok: false, code: 'staleRevision', current: { state: first } })
  })

  it('refuses a write from a stale revision and answers with what the store holds now', async () => {
    const [a, b] = await hubs(2)
    const start = createDefaultWallState(T0)
    await a!.compareAndSet(start, 0)
    const seenByA = (await a!.load())!
    const seenByB = (await b!.load())!
    const fromB: WallState = { ...start, page: 'heatmap', revision: 1 }
    expect(await b!.compareAndSet(fromB, seenByB.revision)).toMatchObject({ ok: true })
    const fromA = await a!.compareAndSet({ ...start, banner: 'from A', revision: 1 }, seenByA.revision)
    expect(fromA).toMatchObject({
      ok: false,
      code: 'staleRevision',
      message: 'the wall state changed meanwhile: it is at revision 1',
      current: { state: fromB },
    })
    expect((await a!.load())!.state).toEqual(fromB)
  })

  it('refuses an invalid wall state before it reaches the other hubs', async () => {
    const [store] = await hubs(1)
    await expect(store!.compareAndSet({ ...createDefaultWallState(T0), page: '' } as WallState, 0)).rejects.toThrow()
    expect(await store!.load()).toBeNull()
  })

  it('lets two hubs commanding at once never lose or interleave a change', async () => {
    const [a, b, observer] = await hubs(3)
    const seen: number[] = []
    const stop = await observer!.watch(current => seen.push(current.state.revision))
    const rounds = 12
    // Each hub runs its own commands one after another, as its control endpoint does; the two hubs at once.
    async function inTurn(store: WallStateStore, commands: ControlCommand[]) {
      const out = []
      for (const cmd of commands)
        out.push(await command(store, cmd))
      return out
    }
    // Count the compare-and-set refusals, to know the two hubs really raced.
    let refusals = 0
    for (const store of [a!, b!]) {
      const write = store.compareAndSet
      store.compareAndSet = async (next, revision) => {
        const result = await write(next, revision)
        if (!result.ok)
          refusals++
        return result
      }
    }
    const [fromA, fromB] = await Promise.all([
      inTurn(a!, Array.from({ length: rounds }, (_, i): ControlCommand => ({ kind: 'setBanner', text: `A ${i}` }))),
      inTurn(b!, Array.from({ length: rounds }, (_, i): ControlCommand => ({ kind: 'setBlackout', on: i % 2 === 0 }))),
    ])
    const results = [...fromA, ...fromB]
    // The race did happen: writes were refused because the other hub had written in between.
    expect(refusals).toBeGreaterThan(0)
    // Clashes beyond the retries come back as staleRevision; nothing else may.
    for (const result of results)
      expect(result.ok || result.code === 'staleRevision').toBe(true)
    const applied = results.filter(result => result.ok && result.changed).length
    expect(applied).toBeGreaterThan(rounds)
    const final = (await a!.load())!.state
    expect(final.revision).toBe(applied)
    // Each hub's own last accepted command is in the final state: no write overwrote another's.
    const lastOf = (from: typeof results) => from.map((r, i) => ({ r, i })).filter(({ r }) => r.ok && r.changed).at(-1)!
    const lastA = lastOf(results.slice(0, rounds))
    const lastB = lastOf(results.slice(rounds))
    const revisionOf = (r: typeof results[number]) => (r.ok ? r.state.revision : -1)
    if (revisionOf(lastA.r) > revisionOf(lastB.r))
      expect(final.banner).toBe(`A ${lastA.i}`)
    else
      expect(final.blackout).toBe(lastB.i % 2 === 0)
    // Every revision was written exactly once, in order.
    await vi.waitFor(() => expect(seen.at(-1)).toBe(applied))
    expect(seen).toEqual(Array.from({ length: applied }, (_, i) => i + 1))
    stop()
  })

  it('gives a conditional command on a moved state the same staleRevision refusal as one hub does', async () => {
    const [a, b] = await hubs(2)
    expect(await command(a!, { kind: 'showPage', page: 'heatmap' })).toMatchObject({ ok: true, state: { revision: 1 } })
    expect(await command(b!, { kind: 'setBanner', text: 'B' }, 1)).toMatchObject({ ok: true, state: { revision: 2 } })
    const late = await command(a!, { kind: 'showPage', page: 'overview' }, 1)
    const local = applyCommand({ ...createDefaultWallState(T0), revision: 2 }, { kind: 'showPage', page: 'overview' }, context(1))
    expect(late).toMatchObject({ ok: false, code: 'staleRevision', current: { revision: 2, banner: 'B' } })
    expect(local).toMatchObject({ ok: false, code: 'staleRevision' })
    expect((late as { message: string }).message).toBe((local as { message: string }).message)
  })

  it('tells every watching hub about a change made by another', async () => {
    const [a, b] = await hubs(2)
    const seenByB: VersionedWallState[] = []
    const stop = await b!.watch(current => seenByB.push(current))
    await command(a!, { kind: 'showPage', page: 'heatmap' })
    await command(a!, { kind: 'setBanner', text: '全国执行指挥中心' })
    await vi.waitFor(() => expect(seenByB.map(s => s.state.revision)).toEqual([1, 2]))
    expect(seenByB[1]!.state).toMatchObject({ page: 'heatmap', banner: '全国执行指挥中心' })
    expect(seenByB[1]!.revision).toBe((await b!.load())!.revision)
    stop()
  })
})
