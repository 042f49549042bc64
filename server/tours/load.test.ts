import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PAGE_IDS } from '#protocol'
import { REPO_ROOT } from '../hub/config.ts'
import { loadTours } from './load.ts'

const PAGES = new Set(PAGE_IDS)
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wall-tours-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const step = { page: 'overview', dwellSec: 10, caption: { 'zh-CN': '全国', 'en': 'Nation' } }

describe('tour files', () => {
  it('loads the shipped tour: the seed\'s story, every caption in both languages', () => {
    const [tour, ...rest] = loadTours(join(REPO_ROOT, 'config/tours'), PAGES)
    expect(rest).toEqual([])
    expect(tour?.id).toBe('enforcement-story')
    expect(tour?.steps.map(s => s.page)).toEqual(['overview', 'battleplan', 'inquiry', 'credit', 'delegation', 'province', 'map3d', 'rollcall'])
    const inquiry = tour?.steps.find(s => s.page === 'inquiry')
    expect(inquiry?.caption['zh-CN']).toMatch(/3,800.*16.*1,625/)
    expect(inquiry?.caption.en).toMatch(/3,800.*16.*1,625/)
    expect(tour?.steps.at(-1)?.drawRollCall).toBe(true)
  })

  it('fills in defaults and takes the id from the file name', () => {
    writeFileSync(join(dir, 'short.json'), JSON.stringify({ title: step.caption, steps: [step] }))
    expect(loadTours(dir, PAGES)).toEqual([{ id: 'short', title: step.caption, steps: [{ ...step, focusUnitId: null, rotate3d: true, drawRollCall: false }] }])
  })

  it('names the file and field of a mistake', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ title: step.caption, steps: [{ ...step, caption: { 'zh-CN': '只有中文' } }] }))
    expect(() => loadTours(dir, PAGES)).toThrow(/bad\.json[\s\S]*steps\.0\.caption/)
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ title: step.caption, steps: [{ ...step, page: 'nowhere' }] }))
    expect(() => loadTours(dir, PAGES)).toThrow(/steps\.0\.page: "nowhere" is not a registered page/)
    rmSync(join(dir, 'bad.json'))
    writeFileSync(join(dir, 'Bad Name.json'), JSON.stringify({ title: step.caption, steps: [step] }))
    expect(() => loadTours(dir, PAGES)).toThrow(/file name/)
  })

  it('has no tours without the folder', () => {
    mkdirSync(join(dir, 'empty'))
    expect(loadTours(join(dir, 'missing'), PAGES)).toEqual([])
    expect(loadTours(join(dir, 'empty'), PAGES)).toEqual([])
  })
})
