/**
 * Reading the 挂图作战 plan: how many milestones stand where, which ones are in hand, and how many
 * days each has left. Days are counted in Beijing dates, like every date on the wall.
 */
import { chinaDayIndex, DAY_MS } from '~/domain/chinaTime'
import { CHINA_UTC_OFFSET_MS } from '~/domain/constants'
import { MILESTONE_STATUSES, type Milestone, type MilestoneStatus } from '~/protocol'

/** Milestones per status, every status present (0 when none). */
export function countByStatus(milestones: readonly Milestone[]): Record<MilestoneStatus, number> {
  const counts = Object.fromEntries(MILESTONE_STATUSES.map(s => [s, 0])) as Record<MilestoneStatus, number>
  for (const m of milestones)
    counts[m.status]++
  return counts
}

/**
 * The day a milestone is due, as a day number (days since 1970-01-01): a date is that day, a
 * month ('2025-09') its last day — a task due "in September" is on time until September ends.
 */
export function dueDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number | undefined]
  return d === undefined ? Date.UTC(y, m, 0) / DAY_MS : Date.UTC(y, m - 1, d) / DAY_MS
}

/** The instant a milestone's time runs out: the end of its due day (see dueDay) in Beijing. */
export function dueEnd(date: string): number {
  return (dueDay(date) + 1) * DAY_MS - CHINA_UTC_OFFSET_MS
}

/** Today's day number in Beijing. */
export function beijingDay(now: number): number {
  return chinaDayIndex(now)
}

/** Days from today (Beijing) to the milestone's due day: negative when past. */
export function daysLeft(m: Pick<Milestone, 'date'>, now: number): number {
  return dueDay(m.date) - beijingDay(now)
}

const ORDER: Record<MilestoneStatus, number> = { overdue: 0, inProgress: 1, upcoming: 2, done: 3 }

/**
 * The tasks in hand, most urgent first: overdue ones (longest overdue first), then those in
 * progress, then what comes next, each by due date. Done milestones are history, not tasks.
 */
export function tasksInHand(milestones: readonly Milestone[]): Milestone[] {
  return milestones
    .filter(m => m.status !== 'done')
    .map((m, index) => ({ m, index, due: dueDay(m.date) }))
    .sort((a, b) => ORDER[a.m.status] - ORDER[b.m.status] || a.due - b.due || a.index - b.index)
    .map(x => x.m)
}

/** A milestone not yet done, with the instant its time runs out. */
export interface Deadline {
  milestone: Milestone
  at: number
}

/**
 * The deadlines of the tasks in hand, soonest first (in progress before upcoming on the same day).
 * They change with the plan only: a clock that ticks every second picks from them with `firstAhead`.
 */
export function deadlinesOf(milestones: readonly Milestone[]): Deadline[] {
  // a stable sort of the tasks in hand keeps their order where two fall due together
  return tasksInHand(milestones).map(milestone => ({ milestone, at: dueEnd(milestone.date) })).sort((a, b) => a.at - b.at)
}

/**
 * The deadline the campaign is working towards now: of the milestones not done whose time has not
 * yet run out, the one due first (in progress before upcoming on the same day). Null when none is left.
 */
export function nextDeadline(milestones: readonly Milestone[], now: number): Deadline | null {
  return firstAhead(deadlinesOf(milestones), now)
}

/** The first of `deadlines` (soonest first, as `deadlinesOf` gives them) still ahead at `now`. */
export function firstAhead(deadlines: readonly Deadline[], now: number): Deadline | null {
  return deadlines.find(d => d.at > now) ?? null
}
