import { describe, expect, it } from 'vitest'
import { battlePlan, TEST_TS } from '~/test/fixtures'
import { beijingDay, countByStatus, daysLeft, deadlinesOf, dueDay, dueEnd, firstAhead, nextDeadline, tasksInHand } from './milestones'

describe('milestones', () => {
  it('counts milestones by status, every status present', () => {
    expect(countByStatus(battlePlan().milestones)).toEqual({ done: 11, inProgress: 1, upcoming: 2, overdue: 1 })
    expect(countByStatus([])).toEqual({ done: 0, inProgress: 0, upcoming: 0, overdue: 0 })
  })

  it('is due on its day, or at the end of its month', () => {
    expect(dueDay('2025-03-05')).toBe(Date.UTC(2025, 2, 5) / 86_400_000)
    expect(dueDay('2025-02')).toBe(Date.UTC(2025, 1, 28) / 86_400_000)
    expect(dueDay('2024-02')).toBe(Date.UTC(2024, 1, 29) / 86_400_000)
  })

  it('counts days in Beijing dates', () => {
    // 17:00 UTC on 4 March is already 5 March in Beijing
    const lateUtc = Date.UTC(2025, 2, 4, 17, 0, 0)
    expect(beijingDay(lateUtc)).toBe(dueDay('2025-03-05'))
    expect(daysLeft({ date: '2025-03-05' }, lateUtc)).toBe(0)
    expect(daysLeft({ date: '2025-03-31' }, TEST_TS)).toBe(26)
    expect(daysLeft({ date: '2024-11-20' }, TEST_TS)).toBeLessThan(0)
  })

  it('lists the tasks in hand: overdue, then in progress, then next, without the done ones', () => {
    expect(tasksInHand(battlePlan().milestones).map(m => m.id)).toEqual(['m12', 'm13', 'm14', 'm15'])
  })

  it('runs out at the end of the due day in Beijing', () => {
    // midnight 6 March Beijing = 16:00 UTC on 5 March
    expect(dueEnd('2025-03-05')).toBe(Date.UTC(2025, 2, 5, 16, 0, 0))
    expect(dueEnd('2025-02')).toBe(Date.UTC(2025, 1, 28, 16, 0, 0))
  })

  it('works towards the first deadline still ahead, skipping the overdue and the done', () => {
    const milestones = battlePlan().milestones
    const next = nextDeadline(milestones, TEST_TS)
    expect(next?.milestone.id).toBe('m13')
    expect(next?.at).toBe(dueEnd('2025-03'))
    // once March has run out, September's is next
    expect(nextDeadline(milestones, dueEnd('2025-03'))?.milestone.id).toBe('m14')
    expect(nextDeadline(milestones, dueEnd('2026-12'))).toBeNull()
    expect(nextDeadline([], TEST_TS)).toBeNull()
  })

  it('lists the deadlines soonest first, for a clock to pick the next from', () => {
    const deadlines = deadlinesOf(battlePlan().milestones)
    expect(deadlines.map(d => d.milestone.id)).toEqual(['m12', 'm13', 'm14', 'm15'])
    expect(firstAhead(deadlines, TEST_TS)).toEqual(nextDeadline(battlePlan().milestones, TEST_TS))
  })
})
