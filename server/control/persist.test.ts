import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WallState } from '#protocol'
import { appendAudit, AUDIT_FILE, loadWallState, readAudit, saveWallState, WALL_STATE_FILE, type AuditEntry } from './persist.ts'

const T0 = 1_750_000_000_000
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wall-persist-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const state: WallState = {
  revision: 12,
  page: 'trends',
  focusUnitId: 'XPCC',
  playlist: { items: [{ page: 'overview', dwellSec: 30 }, { page: 'trends', dwellSec: 45 }], running: true, index: 1, itemStartedAt: T0 - 5000, remainingMs: null },
  blackout: true,
  banner: '<i>十点</i> 例会',
  rotate3d: false,
  rollCall: { drawId: 'draw-3', count: 10, seed: 42, drawnAt: 1_700_000_000_000 },
  language: 'en',
  tour: null,
  updatedAt: T0,
}

describe('wall state file', () => {
  it('round-trips a state', () => {
    saveWallState(dir, state)
    expect(loadWallState(dir)).toEqual(state)
  })

  it('creates the data directory and leaves no temp files behind', () => {
    const nested = join(dir, 'a', 'b')
    saveWallState(nested, state)
    saveWallState(nested, { ...state, revision: 13 })
    expect(readdirSync(nested)).toEqual([WALL_STATE_FILE])
    expect(loadWallState(nested).revision).toBe(13)
  })

  it('gives the default state when there is no file yet, without a warning', () => {
    const warn = vi.fn()
    expect(loadWallState(dir, { now: T0, defaultPage: 'overview', log: { warn } })).toMatchObject({ revision: 0, page: 'overview', updatedAt: T0 })
    expect(warn).not.toHaveBeenCalled()
  })

  it.each([
    ['not JSON', '{"revision": 3,'],
    ['not an object', '[1, 2, 3]'],
  ])('moves a corrupt file aside (%s), warns, and starts from the default', (_label, text) => {
    writeFileSync(join(dir, WALL_STATE_FILE), text)
    const warn = vi.fn()
    const loaded = loadWallState(dir, { now: T0, log: { warn } })
    expect(loaded.revision).toBe(0)
    expect(warn).toHaveBeenCalledOnce()
    expect(existsSync(join(dir, WALL_STATE_FILE))).toBe(false)
    expect(readFileSync(join(dir, `${WALL_STATE_FILE}.corrupt-${T0}`), 'utf8')).toBe(text)
  })
})

describe('repairing a saved state field by field', () => {
  it.each([
    ['an unknown unit id drops only the focus', { focusUnitId: '999999' }, 'focusUnitId'],
    ['a bad page id drops only the page', { page: 'NOT A PAGE' }, 'page'],
    ['a banner too long drops only the banner', { banner: 'x'.repeat(1000) }, 'banner'],
  ])('%s, with a warning', (_label, broken, field) => {
    const saved = { ...state, banner: 'kept', ...broken }
    writeFileSync(join(dir, WALL_STATE_FILE), JSON.stringify(saved))
    const warn = vi.fn()
    const loaded = loadWallState(dir, { now: T0, defaultPage: 'overview', log: { warn } })
    expect(loaded.revision).toBe(state.revision)
    expect(loaded.playlist).toEqual(state.playlist)
    for (const key of Object.keys(state) as (keyof typeof state)[]) {
      if (key !== field && key !== 'banner')
        expect(loaded[key]).toEqual(state[key])
    }
    expect(warn).toHaveBeenCalledWith('saved wall state repaired field by field', expect.objectContaining({ reset: field }))
  })
})

describe('audit log', () => {
  const entry = (revision: number): AuditEntry => ({ at: T0 + revision, action: 'showPage', detail: { page: 'trends' }, address: '10.0.0.9', revision, id: `c${revision}` })

  it('appends and reads back in order', () => {
    for (let r = 1; r <= 5; r++)
      appendAudit(dir, entry(r))
    expect(readAudit(dir, 100)).toEqual([1, 2, 3, 4, 5].map(entry))
    expect(readAudit(dir, 2).map(e => e.revision)).toEqual([4, 5])
    expect(readAudit(dir, 0)).toEqual([])
  })

  it('rotates the log by size and keeps only so many old files', () => {
    const rotation = { auditMaxBytes: 300, auditKeepFiles: 2 }
    for (let r = 1; r <= 20; r++)
      appendAudit(dir, entry(r), rotation)
    const files = readdirSync(dir).filter(name => name.startsWith(AUDIT_FILE)).sort()
    expect(files).toEqual([AUDIT_FILE, `${AUDIT_FILE}.1`, `${AUDIT_FILE}.2`])
    for (const name of files)
      expect(statSync(join(dir, name)).size).toBeLessThan(300 + 200)
    expect(readAudit(dir, 1)[0]?.revision).toBe(20)
  })

  it('reads nothing from a missing log', () => {
    expect(readAudit(dir)).toEqual([])
  })

  it('skips a line cut short by a crash, and the next entry survives it', () => {
    appendAudit(dir, entry(1))
    appendFileSync(join(dir, AUDIT_FILE), '{"at":1,"action":"setBan')
    expect(readAudit(dir).map(e => e.revision)).toEqual([1])
    appendAudit(dir, entry(2))
    appendAudit(dir, entry(3))
    expect(readAudit(dir).map(e => e.revision)).toEqual([1, 2, 3])
  })

  it('reads the tail of a long log across chunk boundaries', () => {
    const long = (revision: number): AuditEntry => ({ ...entry(revision), detail: { text: '执'.repeat(700) } })
    for (let r = 1; r <= 100; r++)
      appendAudit(dir, long(r))
    const tail = readAudit(dir, 30)
    expect(tail.map(e => e.revision)).toEqual(Array.from({ length: 30 }, (_, i) => 71 + i))
    expect(tail[0]).toEqual(long(71))
  })
})
