import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { TOPIC_SCHEMAS } from '#protocol'
import { battlePlanAt, MILESTONE_ENTRIES, milestoneAt, type MilestoneEntry } from './battleplan.ts'
import { chinaTime } from './calendar.ts'

const statusOf = (id: string, now: number) => {
  const entry = MILESTONE_ENTRIES.find(e => e.id === id)
  if (!entry)
    throw new Error(`no milestone ${id}`)
  return milestoneAt(entry, now)
}

describe('battle plan', () => {
  it('holds the dated facts and a simulated 2025–2027 plan, each with a source', () => {
    const facts = MILESTONE_ENTRIES.filter(e => !e.simulated)
    const simulated = MILESTONE_ENTRIES.filter(e => e.simulated)
    expect(facts.map(f => f.date)).toEqual(expect.arrayContaining(['2016-03-13', '2018-11-29', '2019-03-12', '2025-04-07']))
    expect(facts.find(f => f.date === '2018-11-29')?.target.zh).toBe('四个90%、一个80%')
    expect(simulated.length).toBeGreaterThanOrEqual(4)
    expect(simulated.every(s => s.date >= '2025' && s.date <= '2027-12-31')).toBe(true)
    expect(MILESTONE_ENTRIES.every(e => e.source.length > 0)).toBe(true)
  })

  it('marks every past dated fact done', () => {
    const plan = battlePlanAt(chinaTime(2026, 11, 26, 12))
    for (const node of plan.milestones.filter(m => !m.simulated))
      expect(node).toMatchObject({ status: 'done', progress: 100 })
  })

  it('moves simulated stages from upcoming through in progress to done, late ones through overdue', () => {
    expect(statusOf('plan-2026-case-money', chinaTime(2026, 2, 1)).status).toBe('upcoming')
    const june = statusOf('plan-2026-case-money', chinaTime(2026, 6, 1))
    expect(june.status).toBe('inProgress')
    expect(june.progress).toBeGreaterThan(0)
    expect(june.progress).toBeLessThan(100)
    // pace 0.75: behind schedule at its deadline (2026-09-30), finished late
    const november = statusOf('plan-2026-case-money', chinaTime(2026, 11, 26))
    expect(november.status).toBe('overdue')
    expect(november.progress).toBeGreaterThan(80)
    expect(statusOf('plan-2026-case-money', chinaTime(2027, 1, 15))).toMatchObject({ status: 'done', progress: 100 })
    // a deadline holds through its whole last day (China time)
    expect(statusOf('plan-2026-mid-term', chinaTime(2026, 12, 31, 23, 59)).status).toBe('inProgress')
    expect(statusOf('plan-2027-acceptance', chinaTime(2026, 11, 26)).status).toBe('upcoming')
  })

  it('always has a live node (in progress or overdue) from 2026 to the end of 2027', () => {
    for (let month = 0; month < 24; month++) {
      const now = chinaTime(2026 + Math.floor(month / 12), (month % 12) + 1, 15)
      const live = battlePlanAt(now).milestones.filter(m => m.status === 'inProgress' || m.status === 'overdue')
      expect(live.length, `month ${month}`).toBeGreaterThan(0)
    }
  })

  it('shows a future dated fact as upcoming', () => {
    const entry: MilestoneEntry = {
      id: 'future',
      date: '2030-01',
      title: { zh: '未来', en: 'Future' },
      target: { zh: '目标', en: 'Target' },
      source: 'test',
      simulated: false,
    }
    expect(milestoneAt(entry, chinaTime(2029, 12, 31, 23, 59))).toMatchObject({ status: 'upcoming', progress: 0 })
    expect(milestoneAt(entry, chinaTime(2030, 1, 1))).toMatchObject({ status: 'done', progress: 100 })
  })

  it('passes the protocol schema at any instant', () => {
    for (const now of [chinaTime(2020, 1, 1), chinaTime(2026, 5, 1), chinaTime(2026, 11, 26), chinaTime(2028, 6, 1)]) {
      const result = v.safeParse(TOPIC_SCHEMAS['battleplan.milestones'], battlePlanAt(now))
      expect(result.issues).toBeUndefined()
    }
  })
})
