/** Reusable valibot pieces for topic payloads: every number is finite, counts are whole and ≥ 0. */
import * as v from 'valibot'
import { UNIT_BY_ID } from './units'

/** A whole, non-negative count (cases, people, queries). Rejects NaN, Infinity, negatives, fractions. */
export const count = v.pipe(v.number(), v.finite(), v.integer(), v.minValue(0))
/** A non-negative finite amount (yuan). */
export const amount = v.pipe(v.number(), v.finite(), v.minValue(0))
/** A percentage, 0–100 inclusive. */
export const rate = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100))
/** Epoch milliseconds. */
export const epochMs = v.pipe(v.number(), v.finite(), v.integer(), v.minValue(0))
/** A court unit id known to the wall: an adcode string or 'XPCC'. */
export const unitId = v.pipe(
  v.string(),
  v.check(id => UNIT_BY_ID.has(id), issue => `unknown unit ${JSON.stringify(issue.input)}`),
)
/** A wall page id as registered in src/screens/registry.ts (checked against the registry by the server). */
export const pageId = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'bad page id'))
/** Short text in both languages. */
export const bilingual = v.strictObject({
  zh: v.pipe(v.string(), v.maxLength(200)),
  en: v.pipe(v.string(), v.maxLength(300)),
})
/** A calendar date 'YYYY-MM-DD' or a month 'YYYY-MM'. */
export const isoDateOrMonth = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'not a YYYY-MM(-DD) date'))

/** An array of per-unit rows where each unit appears at most once. */
export function uniqueUnits<T extends { unitId: string }>(rows: T[]): boolean {
  return new Set(rows.map(r => r.unitId)).size === rows.length
}
