/**
 * The Beijing calendar: days turn at Beijing midnight, years at Beijing new year, whatever the
 * machine's time zone. The simulator's working-day rhythm and the wall's date arithmetic both
 * count on it.
 */
import { CHINA_UTC_OFFSET_MS } from './constants'

export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

/** Calendar fields of an instant read in Beijing time: month 1–12, weekday 0 = Sunday. */
export interface ChinaDate {
  year: number
  month: number
  day: number
  weekday: number
  hour: number
  minute: number
  second: number
}

export function chinaDate(ms: number): ChinaDate {
  const d = new Date(ms + CHINA_UTC_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  }
}

/** Epoch ms of a Beijing wall-clock reading (month 1–12; months past 12 roll into the next year). */
export function chinaTime(year: number, month = 1, day = 1, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) - CHINA_UTC_OFFSET_MS
}

/** Days since 1970-01-01, counted in Beijing time. */
export function chinaDayIndex(ms: number): number {
  return Math.floor((ms + CHINA_UTC_OFFSET_MS) / DAY_MS)
}

/** The Beijing midnight that opens the day of `ms`. */
export function chinaDayStart(ms: number): number {
  return chinaDayIndex(ms) * DAY_MS - CHINA_UTC_OFFSET_MS
}

/** Hours (fractional) since the Beijing midnight that opened the day of `ms`. */
export function chinaHourOfDay(ms: number): number {
  return (ms - chinaDayStart(ms)) / HOUR_MS
}

/** Beijing midnight of 1 January of `year`. */
export function chinaYearStart(year: number): number {
  return chinaTime(year)
}

/** Beijing midnight of the first day of `month` (1–12) of `year`. */
export function chinaMonthStart(year: number, month: number): number {
  return chinaTime(year, month)
}

/** 'HH:MM:SS' of an instant in Beijing time. */
export function chinaClockText(ms: number): string {
  const { hour, minute, second } = chinaDate(ms)
  return [hour, minute, second].map(n => String(n).padStart(2, '0')).join(':')
}
