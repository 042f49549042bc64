import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { UNIT_IDS, wallStateSchema, type WallState } from '~/protocol'
import { createDefaultWallState, reconcileWallState, sameWallState } from './state'

const T0 = 1_750_000_000_000
const registry = { pages: new Set(['overview', 'province', 'trends']), units: new Set(UNIT_IDS) }

describe('createDefaultWallState', () => {
  it('is a valid wall state at revision 0', () => {
    const state = createDefaultWallState(T0)
    expect(v.safeParse(wallStateSchema, state).success).toBe(true)
    expect(state).toMatchObject({ revision: 0, page: 'overview', blackout: false, banner: null })
  })
})

describe('sameWallState', () => {
  it('ignores revision and updatedAt only', () => {
    const a = createDefaultWallState(T0)
    expect(sameWallState(a, { ...a, revision: 9, updatedAt: T0 + 1 })).toBe(true)
    expect(sameWallState(a, { ...a, banner: 'x' })).toBe(false)
    expect(sameWallState(a, { ...a, playlist: { ...a.playlist, items: [{ page: 'overview', dwellSec: 10 }] } })).toBe(false)
  })
})

describe('reconcileWallState', () => {
  it('leaves a sound state untouched', () => {
    const state = createDefaultWallState(T0)
    expect(reconcileWallState(state, registry, T0, 'overview')).toEqual({ state, repairs: [] })
  })

  it('repairs a page that is no longer registered and drops playlist items naming such pages', () => {
    const stored: WallState = {
      ...createDefaultWallState(T0),
      revision: 7,
      page: 'retired',
      playlist: { items: [{ page: 'retired', dwellSec: 10 }, { page: 'trends', dwellSec: 10 }], running: true, index: 1, itemStartedAt: T0, remainingMs: null },
    }
    const { state, repairs } = reconcileWallState(stored, registry, T0 + 1, 'overview')
    expect(repairs.length).toBeGreaterThan(0)
    expect(state.page).toBe('overview')
    expect(state.playlist).toEqual({ items: [{ page: 'trends', dwellSec: 10 }], running: false, index: 0, itemStartedAt: null, remainingMs: null })
    expect(state.revision).toBe(8)
  })

  it('restarts a running item without a start time and shows its page', () => {
    const stored: WallState = {
      ...createDefaultWallState(T0),
      playlist: { items: [{ page: 'trends', dwellSec: 10 }], running: true, index: 0, itemStartedAt: null, remainingMs: null },
    }
    const { state } = reconcileWallState(stored, registry, T0 + 5, 'overview')
    expect(state.playlist.itemStartedAt).toBe(T0 + 5)
    expect(state.page).toBe('trends')
  })

  it('brings an index past the end back to 0', () => {
    const stored: WallState = {
      ...createDefaultWallState(T0),
      playlist: { items: [{ page: 'trends', dwellSec: 10 }], running: false, index: 4, itemStartedAt: null, remainingMs: 3000 },
    }
    expect(reconcileWallState(stored, registry, T0, 'overview').state.playlist).toMatchObject({ index: 0, remainingMs: null })
  })
})
