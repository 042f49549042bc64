import { describe, expect, it } from 'vitest'
import { battlePlan, TEST_TS } from '~/test/fixtures'
import { groupSpanText, layoutTimeline, milestoneTime, timeScale } from './timeline'

const plan = battlePlan()

describe('milestoneTime', () => {
  it('reads dates and months as Beijing midnight', () => {
    expect(milestoneTime('2016-03-13')).toBe(Date.UTC(2016, 2, 12, 16))
    expect(milestoneTime('2016-09')).toBe(Date.UTC(2016, 7, 31, 16))
  })
})

describe('layoutTimeline', () => {
  it('places every milestone on the axis in date order, today inside the range', () => {
    const layout = layoutTimeline(plan.milestones, TEST_TS, { lanes: 4, labelWidth: 0.05 })
    expect(layout.nodes).toHaveLength(plan.milestones.length)
    const xs = layout.nodes.map(n => n.x)
    expect([...xs].sort((a, b) => a - b)).toEqual(xs)
    expect(Math.min(...xs)).toBeGreaterThan(0)
    expect(Math.max(...xs)).toBeLessThan(1)
    expect(layout.todayX).toBeGreaterThan(layout.nodes.find(n => n.milestone.id === 'm12')!.x)
    expect(layout.todayX).toBeLessThan(layout.nodes.find(n => n.milestone.id === 'm14')!.x)
  })

  it('never lets two labels in a lane overlap, and every milestone is in exactly one label', () => {
    for (const [lanes, width] of [[2, 0.12], [4, 0.06], [6, 0.03]] as const) {
      const layout = layoutTimeline(plan.milestones, TEST_TS, { lanes, labelWidth: width })
      const members = layout.labels.flatMap(l => l.members.map(m => m.id))
      expect(members.sort()).toEqual(plan.milestones.map(m => m.id).sort())
      const lanesUsed = new Set(layout.labels.map(l => l.lane))
      for (const lane of lanesUsed) {
        const row = layout.labels.filter(l => l.lane === lane).sort((a, b) => a.left - b.left)
        for (let i = 1; i < row.length; i++)
          expect(row[i]!.left).toBeGreaterThanOrEqual(row[i - 1]!.left + width)
      }
      for (const label of layout.labels) {
        expect(label.left).toBeGreaterThanOrEqual(0)
        expect(label.left + width).toBeLessThanOrEqual(1 + 1e-9)
        expect(Math.abs(label.lane)).toBeLessThanOrEqual(Math.ceil(lanes / 2))
      }
    }
  })

  it('groups dense milestones when the lanes are full, and keeps sparse ones alone', () => {
    const tight = layoutTimeline(plan.milestones, TEST_TS, { lanes: 2, labelWidth: 0.12 })
    expect(tight.labels.some(l => l.members.length > 1)).toBe(true)
    const roomy = layoutTimeline(plan.milestones, TEST_TS, { lanes: 8, labelWidth: 0.01 })
    expect(roomy.labels.every(l => l.members.length === 1)).toBe(true)
  })

  it('uses the lanes nearest the axis first, alternating above and below', () => {
    const layout = layoutTimeline(plan.milestones, TEST_TS, { lanes: 4, labelWidth: 0.2 })
    expect(layout.labels[0]!.lane).toBe(-1)
    expect(layout.labels[1]!.lane).toBe(1)
  })

  it('marks year ticks inside the range and copes with an empty plan', () => {
    const layout = layoutTimeline(plan.milestones, TEST_TS, { lanes: 4, labelWidth: 0.05 })
    expect(layout.years.map(y => y.year)).toContain(2018)
    expect(layout.years.every(y => y.x > 0 && y.x < 1)).toBe(true)
    const empty = layoutTimeline([], TEST_TS, { lanes: 2, labelWidth: 0.1 })
    expect(empty.nodes).toHaveLength(0)
    expect(empty.todayX).toBeCloseTo(0.5)
  })
})

describe('timeScale', () => {
  const times = [0, 10, 20, 30, 1000].map(d => d * 86_400_000)
  const start = -50 * 86_400_000
  const end = 1050 * 86_400_000

  it('is linear with evenness 0 and keeps the order of dates otherwise', () => {
    const linear = timeScale(times, start, end, 0)
    expect(linear(start)).toBe(0)
    expect(linear(end)).toBe(1)
    const blended = timeScale(times, start, end, 0.5)
    const xs = [start, ...times, end].map(blended)
    for (let i = 1; i < xs.length; i++)
      expect(xs[i]!).toBeGreaterThan(xs[i - 1]!)
    expect(blended(start)).toBe(0)
    expect(blended(end)).toBe(1)
  })

  it('gives a dense cluster more room than a linear axis would', () => {
    const linear = timeScale(times, start, end, 0)
    const blended = timeScale(times, start, end, 0.5)
    const cluster = (f: (t: number) => number) => f(times[3]!) - f(times[0]!)
    expect(cluster(blended)).toBeGreaterThan(cluster(linear) * 3)
  })

  it('keeps year ticks apart where the axis is squeezed', () => {
    const layout = layoutTimeline(plan.milestones, TEST_TS, { lanes: 4, labelWidth: 0.09 })
    for (let i = 1; i < layout.years.length; i++)
      expect(layout.years[i]!.x - layout.years[i - 1]!.x).toBeGreaterThanOrEqual(0.03 - 1e-9)
  })
})

describe('groupSpanText', () => {
  it('shortens a group\'s span to years, then to a short span, as room shrinks', () => {
    expect(groupSpanText('2018-02-03', '2018-05')).toBe('2018-02 – 2018-05')
    expect(groupSpanText('2018-02-03', '2018-02-20')).toBe('2018-02')
    expect(groupSpanText('2018-02', '2019-05', 6)).toBe('2018 – 2019')
    expect(groupSpanText('2018-02', '2018-05', 6)).toBe('2018')
    expect(groupSpanText('2025-12', '2027-12', 2)).toBe('2025–27')
  })
})
