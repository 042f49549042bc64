import { describe, expect, it } from 'vitest'
import { COURT_UNITS, UNIT_BY_ID } from '#protocol'
import { ALL_COURTS, courtFigures, drawCourts, RollCallGenerator } from './rollcall.ts'
import { beijing, seeded } from './testing.ts'

const now = beijing(2026, 9, 15, 10)

describe('rollcall.courts', () => {
  it('knows every court of the 32 units, about 3,500', () => {
    const expected = COURT_UNITS.reduce((s, u) => s + u.courts.high + u.courts.intermediate + u.courts.basic, 0)
    expect(ALL_COURTS).toHaveLength(expected)
    expect(expected).toBeGreaterThan(3400)
    expect(expected).toBeLessThan(3600)
  })

  it('draws the asked number of distinct, existing courts, held to 1–30', () => {
    for (const [asked, got] of [[1, 1], [12, 12], [30, 30], [0, 1], [-5, 1], [31, 30], [1000, 30], [7.6, 8], [Number.NaN, 1]] as const) {
      for (let seed = 0; seed < 20; seed++) {
        const gen = new RollCallGenerator(seeded(seed), now)
        const p = gen.draw(asked, seed * 104_729, now)
        expect(p.courts).toHaveLength(got)
        expect(new Set(p.courts.map(c => c.courtId)).size).toBe(got)
        for (const c of p.courts) {
          const unit = UNIT_BY_ID.get(c.unitId)!
          expect(c.ordinal).toBeGreaterThanOrEqual(1)
          expect(c.ordinal).toBeLessThanOrEqual(unit.courts[c.level])
          expect(c.courtId).toBe(`${c.unitId}-${c.level}-${c.ordinal}`)
          expect(c.name).toBeNull()
          expect(c.videoUrl).toBeNull()
        }
      }
    }
  })

  it('draws the same courts for the same drawSeed, whatever came before; a new drawId each time', () => {
    const a = new RollCallGenerator(seeded(1), now)
    const b = new RollCallGenerator(seeded(2), now)
    b.draw(5, 77, now)
    const first = a.draw(20, 123_456, now)
    const second = b.draw(20, 123_456, now)
    expect(second.courts).toEqual(first.courts)
    expect(second.drawId).not.toBe(first.drawId)
    expect(a.draw(20, 123_457, now).courts).not.toEqual(first.courts)
    expect(a.payload(now).drawId).not.toBe(first.drawId)
    expect(drawCourts(20, 123_456)).toEqual(drawCourts(20, 123_456))
  })

  it('opens with a draw of 12 and keeps it as the payload until the next draw', () => {
    const start = beijing(2026, 5, 12, 9)
    const gen = new RollCallGenerator(seeded(9), start)
    const opening = gen.payload(start)
    expect(opening.courts).toHaveLength(12)
    expect(opening.drawnAt).toBe(start)
    gen.tick(start + 3_600_000, 1)
    const later = gen.payload(start + 3_600_000)
    expect(later.drawId).toBe(opening.drawId)
    expect(later.courts.map(c => c.courtId)).toEqual(opening.courts.map(c => c.courtId))
    const redrawn = gen.draw(6, 5, start + 3_600_000)
    expect(gen.payload(start + 3_600_001).drawId).toBe(redrawn.drawId)
    expect(redrawn.drawnAt).toBe(start + 3_600_000)
  })

  it('gives a court figures fitting its level, growing through the year', () => {
    const yearEnd = beijing(2026, 12, 31, 23)
    const basics = ALL_COURTS.filter(c => c.level === 'basic').map(c => courtFigures(c, yearEnd).casesReceivedYtd)
    const mean = basics.reduce((s, n) => s + n, 0) / basics.length
    // a basic court receives a few thousand cases a year
    expect(mean).toBeGreaterThan(1500)
    expect(mean).toBeLessThan(5000)
    const jiangsuBasic = ALL_COURTS.find(c => c.unitId === '320000' && c.level === 'basic' && c.ordinal === 37)!
    const early = courtFigures(jiangsuBasic, beijing(2026, 3, 1))
    const late = courtFigures(jiangsuBasic, yearEnd)
    expect(late.casesReceivedYtd).toBeGreaterThan(2000)
    expect(early.casesReceivedYtd).toBeLessThan(late.casesReceivedYtd)
    expect(late.casesConcludedYtd).toBeLessThanOrEqual(late.casesReceivedYtd)
    expect(late.courtId).toBe('320000-basic-37')
    const high = courtFigures(ALL_COURTS.find(c => c.unitId === '320000' && c.level === 'high')!, yearEnd)
    expect(high.casesReceivedYtd).toBeLessThan(late.casesReceivedYtd)
  })

  it('keeps a court\'s closure rate near its unit\'s, given or estimated', () => {
    const court = ALL_COURTS.find(c => c.unitId === '440000' && c.level === 'intermediate' && c.ordinal === 3)!
    const given = courtFigures(court, now, { unitClosureRate: id => id === '440000' ? 91.5 : undefined })
    expect(Math.abs(given.actualClosureRate - 91.5)).toBeLessThanOrEqual(3.05)
    const estimated = courtFigures(court, now)
    expect(estimated.actualClosureRate).toBeGreaterThanOrEqual(85)
    expect(estimated.actualClosureRate).toBeLessThanOrEqual(99)
    expect(courtFigures(court, now)).toEqual(estimated)
  })
})
