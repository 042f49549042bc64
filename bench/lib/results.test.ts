import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { resultStamp, writeResult } from './results.ts'

let dir: string | undefined

afterEach(() => {
  if (dir)
    rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('bench results', () => {
  it('names a run after its start in UTC, to the second, without colons', () => {
    expect(resultStamp(new Date(Date.UTC(2026, 11, 3, 7, 12, 5, 789)))).toBe('2026-12-03T07-12-05Z')
  })

  it('writes the dated file and the same run as latest', () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-results-'))
    const startedAt = new Date(Date.UTC(2026, 11, 3, 7, 12, 5))
    const path = writeResult('soak-', startedAt, { metrics: [1, 2] }, dir)
    expect(path.endsWith('soak-2026-12-03T07-12-05Z.json')).toBe(true)
    expect(readdirSync(dir).sort()).toEqual(['soak-2026-12-03T07-12-05Z.json', 'soak-latest.json'])
    const dated = readFileSync(join(dir, 'soak-2026-12-03T07-12-05Z.json'), 'utf8')
    expect(JSON.parse(dated)).toEqual({ metrics: [1, 2] })
    expect(readFileSync(join(dir, 'soak-latest.json'), 'utf8')).toBe(dated)
  })
})
