/**
 * Short dates for panel text, in Beijing time like every clock on the wall: the next re-query round
 * ('2025年7月1日'), the time a roll call was drawn ('3月5日 10:00:05'). The long forms are in format.ts.
 */
import { CHINA_TIME_ZONE } from '~/domain/constants'
import { PLACEHOLDER } from './format'

const cache = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}|${locale}`
  let f = cache.get(id)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, ...options })
    cache.set(id, f)
  }
  return f
}

function isTime(ms: number | null | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms)
}

/** A calendar day: '2025年7月1日' / 'Jul 1, 2025'. */
export function formatDay(ms: number | null | undefined, locale: string): string {
  return isTime(ms) ? formatter(locale, 'day', { year: 'numeric', month: 'short', day: 'numeric' }).format(ms) : PLACEHOLDER
}

/** Day and time to the second: '3月5日 10:00:05' / 'Mar 5, 10:00:05'. */
export function formatDayTime(ms: number | null | undefined, locale: string): string {
  return isTime(ms)
    ? formatter(locale, 'dayTime', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms)
    : PLACEHOLDER
}

const DAY_MS = 86_400_000

/** Whole days from `now` until `at`, rounded up (an event later today is 1 day away); 0 once it has passed. */
export function daysUntil(at: number, now: number): number {
  if (!Number.isFinite(at) || !Number.isFinite(now))
    return 0
  return Math.max(0, Math.ceil((at - now) / DAY_MS))
}

/** Share 0–1 of the span [start, end) that has gone by at `now`. */
export function elapsedShare(start: number, end: number, now: number): number {
  if (!(end > start) || !Number.isFinite(now))
    return 0
  return Math.min(1, Math.max(0, (now - start) / (end - start)))
}

/** A span of time as whole days and a clock of the rest: 35 days 09:04:27 → { days: 35, clock: '09:04:27' }; negative spans are 0. */
export function spanParts(ms: number): { days: number, clock: string } {
  const total = Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0
  const days = Math.floor(total / 86_400)
  const rest = total % 86_400
  const pad = (n: number) => String(n).padStart(2, '0')
  return { days, clock: `${pad(Math.floor(rest / 3600))}:${pad(Math.floor(rest / 60) % 60)}:${pad(rest % 60)}` }
}
