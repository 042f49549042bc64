/**
 * The 挂图作战 timeline: dated facts from src/data/milestones.json are done once their date has
 * passed; the simulated stages of the current plan move by the clock and their pace.
 */
import * as v from 'valibot'
import milestonesFile from '#data/milestones.json'
import type { BattlePlan, Milestone } from '#protocol'
import { bilingual, isoDateOrMonth } from '#protocol'
import { chinaTime, DAY_MS } from './calendar.ts'

const entrySchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[\w.-]{1,64}$/)),
  date: isoDateOrMonth,
  title: bilingual,
  target: bilingual,
  source: v.pipe(v.string(), v.minLength(1)),
  simulated: v.boolean(),
  /** simulated stages only: when the stage begins */
  start: v.optional(isoDateOrMonth),
  /** simulated stages only: 1 = on schedule, below 1 = behind */
  pace: v.optional(v.pipe(v.number(), v.minValue(0.1), v.maxValue(3))),
})
const fileSchema = v.strictObject({
  about: v.string(),
  milestones: v.pipe(
    v.array(entrySchema),
    v.check(list => new Set(list.map(m => m.id)).size === list.length, 'a milestone id appears twice'),
    v.check(list => list.every(m => !m.simulated || (m.start !== undefined && m.pace !== undefined)),
      'a simulated stage needs start and pace'),
  ),
})

export type MilestoneEntry = v.InferOutput<typeof entrySchema>

/** The entries of src/data/milestones.json, checked once when the module loads. */
export const MILESTONE_ENTRIES: readonly MilestoneEntry[] = v.parse(fileSchema, milestonesFile).milestones

/** First instant of a 'YYYY-MM(-DD)' date, China time. */
function startOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return chinaTime(y ?? 1970, m ?? 1, d ?? 1)
}

/** First instant after a 'YYYY-MM(-DD)' date: a deadline holds through its whole day or month. */
function endOf(date: string): number {
  const [y = 1970, m = 1, d] = date.split('-').map(Number)
  return d === undefined ? chinaTime(y, m + 1, 1) : chinaTime(y, m, d) + DAY_MS
}

/** Status and progress of one entry at an instant. */
export function milestoneAt(entry: MilestoneEntry, now: number): Milestone {
  const base = { id: entry.id, date: entry.date, title: entry.title, target: entry.target, simulated: entry.simulated }
  if (!entry.simulated || entry.start === undefined || entry.pace === undefined) {
    const done = startOf(entry.date) <= now
    return { ...base, status: done ? 'done' : 'upcoming', progress: done ? 100 : 0 }
  }
  const start = startOf(entry.start)
  const due = endOf(entry.date)
  if (now < start)
    return { ...base, status: 'upcoming', progress: 0 }
  const planned = (now - start) / Math.max(1, due - start)
  const progress = Math.min(100, Math.round(1000 * entry.pace * planned) / 10)
  if (progress >= 100)
    return { ...base, status: 'done', progress: 100 }
  return { ...base, status: now >= due ? 'overdue' : 'inProgress', progress }
}

export function battlePlanAt(now: number, entries: readonly MilestoneEntry[] = MILESTONE_ENTRIES): BattlePlan {
  return { asOf: Math.floor(now), milestones: entries.map(entry => milestoneAt(entry, now)) }
}
