import { describe, expect, it } from 'vitest'
import { applyCommand, createDefaultWallState, type CommandContext } from '#control'
import { PAGE_IDS, UNIT_IDS, type ControlCommand, type WallState } from '#protocol'
import { applyToStore, createCommandQueue } from './commit.ts'
import { createMemoryWallStateStore } from './memory.ts'
import type { WallStateStore } from './types.ts'

const T0 = Date.UTC(2026, 11, 2, 8, 0, 0)
const ctx: CommandContext = { pages: new Set(PAGE_IDS), units: new Set(UNIT_IDS), now: T0 }
const initial = () => createDefaultWallState(T0)

/** A store where another hub writes `interloper` just before each of our next `times` writes. */
function contested(times: number, interloper: (state: WallState) => WallState): WallStateStore {
  const store = createMemoryWallStateStore()
  const write = store.compareAndSet
  let left = times
  return {
    ...store,
    async compareAndSet(next, revision) {
      if (left-- > 0) {
        const current = (await store.load()) ?? { state: initial(), revision: 0 }
        await write(interloper(current.state), current.revision)
      }
      return write(next, revision)
    },
  }
}

const bannerFromElsewhere = (state: WallState): WallState => ({ ...state, banner: 'other hub', revision: state.revision + 1 })

describe('a command against the shared wall state', () => {
  it('is applied again to the newer state when another hub wrote in between', async () => {
    const store = contested(2, bannerFromElsewhere)
    const result = await applyToStore(store, state => applyCommand(state, { kind: 'showPage', page: 'heatmap' }, ctx), { initial })
    expect(result).toMatchObject({ ok: true, changed: true, state: { page: 'heatmap', banner: 'other hub', revision: 3 } })
  })

  it('is refused staleRevision after COMMIT_ATTEMPTS clashes, with what the store holds', async () => {
    const store = contested(5, bannerFromElsewhere)
    const result = await applyToStore(store, state => applyCommand(state, { kind: 'showPage', page: 'heatmap' }, ctx), { initial, attempts: 3 })
    expect(result).toMatchObject({ ok: false, code: 'staleRevision', current: { banner: 'other hub', revision: 3 } })
  })

  it('is refused as the reducer refuses it when it named a revision that has moved', async () => {
    const store = contested(1, bannerFromElsewhere)
    const command: ControlCommand = { kind: 'showPage', page: 'heatmap' }
    const result = await applyToStore(store, state => applyCommand(state, command, { ...ctx, expectRevision: 0 }), { initial })
    expect(result).toMatchObject({ ok: false, code: 'staleRevision', message: 'the wall state is at revision 1, not 0' })
  })

  it('writes nothing when it changes nothing', async () => {
    const store = createMemoryWallStateStore()
    const result = await applyToStore(store, state => applyCommand(state, { kind: 'setBlackout', on: false }, ctx), { initial })
    expect(result).toMatchObject({ ok: true, changed: false, revision: 0 })
    expect(await store.load()).toBeNull()
  })
})

describe('the command queue', () => {
  it('runs a hub\'s commands one after another, in order, past a failing one', async () => {
    const queue = createCommandQueue()
    const log: string[] = []
    const slow = (name: string, ms: number) => async () => {
      log.push(`start ${name}`)
      await new Promise(resolve => setTimeout(resolve, ms))
      log.push(`end ${name}`)
      return name
    }
    const results = Promise.allSettled([
      queue.run(slow('a', 30)),
      queue.run(async () => {
        throw new Error('refused')
      }),
      queue.run(slow('b', 1)),
    ])
    expect(queue.pending).toBe(3)
    expect((await results).map(r => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b'])
    expect(queue.pending).toBe(0)
  })
})
