/**
 * Every number on the wall goes through here. Built on Intl.NumberFormat: its Chinese compact
 * notation already groups by 万 / 亿 / 万亿, so no hand-written magnitude table is needed.
 * Formatters are cached per locale and kind because constructing one costs far more than formatting.
 */
import { CHINA_TIME_ZONE } from '~/domain/constants'
import { isChinese } from '~/domain/locale'

/** Shown instead of a number that is missing or not finite: never "NaN", never "undefined". */
export const PLACEHOLDER = '—'

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key)
  if (!formatter) {
    formatter = make()
    cache.set(key, formatter)
  }
  return formatter as T
}

function isNumber(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n)
}

function countFormatter(locale: string): Intl.NumberFormat {
  // Chinese readers expect two decimals on 亿 (1.04亿); English compact reads best with one (104.1M).
  return cached(`count|${locale}`, () => new Intl.NumberFormat(locale, {
    notation: 'compact',
    maximumFractionDigits: isChinese(locale) ? 2 : 1,
  }))
}

function yuanFormatter(locale: string): Intl.NumberFormat {
  if (isChinese(locale))
    return cached(`yuan|${locale}`, () => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 }))
  // narrowSymbol: '¥' rather than 'CN¥'; fixed two decimals keep the digits from jumping width.
  return cached(`yuan|${locale}`, () => new Intl.NumberFormat(locale, {
    notation: 'compact',
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }))
}

/** A count in compact form: 104140000 → '1.04亿' (zh) / '104.1M' (en). */
export function formatCount(n: number | null | undefined, locale: string): string {
  return isNumber(n) ? countFormatter(locale).format(n) : PLACEHOLDER
}

/** A whole number with grouping, for tables: 1234567 → '1,234,567'. */
export function formatInteger(n: number | null | undefined, locale: string): string {
  if (!isNumber(n))
    return PLACEHOLDER
  return cached(`int|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(n)
}

/** An amount of yuan: 2.3e12 → '2.3万亿元' (zh) / '¥2.30T' (en). */
export function formatYuan(n: number | null | undefined, locale: string): string {
  if (!isNumber(n))
    return PLACEHOLDER
  const text = yuanFormatter(locale).format(n)
  return isChinese(locale) ? `${text}元` : text
}

/** A percentage given as 0–100: 91.23 → '91.2%'. */
export function formatPercent(n: number | null | undefined, locale: string, digits = 1): string {
  if (!isNumber(n))
    return PLACEHOLDER
  return cached(`pct|${locale}|${digits}`, () => new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })).format(n / 100)
}

const AGE_UNITS = {
  zh: { s: '秒', min: '分钟', h: '小时', d: '天' },
  // Intl's English short units ('12 sec', '12 hr') read poorly from across a room.
  en: { s: ' s', min: ' min', h: ' h', d: ' d' },
} as const

/** How long ago, in the largest whole unit: 12_000 → '12秒' / '12 s'; 180_000 → '3分钟' / '3 min'. */
export function formatAge(ms: number | null | undefined, locale: string): string {
  if (!isNumber(ms))
    return PLACEHOLDER
  const units = AGE_UNITS[isChinese(locale) ? 'zh' : 'en']
  const seconds = Math.floor(Math.max(0, ms) / 1000)
  const [value, unit] = seconds < 60
    ? [seconds, units.s]
    : seconds < 3600
      ? [Math.floor(seconds / 60), units.min]
      : seconds < 86_400
        ? [Math.floor(seconds / 3600), units.h]
        : [Math.floor(seconds / 86_400), units.d]
  return `${formatInteger(value, locale)}${unit}`
}

/** Digits and unit apart, so a KPI counter can animate the digits and keep the unit label still. */
export interface ValueWithUnit {
  /** the digits, e.g. '1.04'; '—' when there is no number */
  value: string
  /** the magnitude and currency, e.g. '亿', '万亿元', 'M', 'T yuan'; '' for a small count */
  unit: string
}

/** How splitValueUnit writes a figure. */
export interface SplitOptions {
  /**
   * Show the figure exactly enough that it visibly moves while data flows (the national counters),
   * always with EXACT_SIGNIFICANT_DIGITS significant digits, so the digits keep their width as it grows:
   * - counts, zh: below 1万 as a whole number; then in 万, from 1亿 in 亿, from 1万亿 in 万亿 (876.8312万, 1.0414123亿);
   * - counts, en: a grouped whole number (8,768,312); from a billion in B, from a trillion in T;
   * - yuan, zh: in 万元 from 1万, 亿元 from 1亿, 万亿元 from 1万亿 (2.1134523万亿元: one step is 10万元), else whole 元;
   * - yuan, en: M yuan from a million, B yuan from a billion, T yuan from a trillion, else whole.
   * Never finer than one case or one yuan. Default false: the compact form of formatCount / formatYuan.
   */
  exact?: boolean
}

/**
 * Significant digits of the exact form: eight show a national total of hundreds of millions to ten
 * cases and trillions of yuan to 10万元, so the last digit moves every few seconds in office hours.
 */
export const EXACT_SIGNIFICANT_DIGITS = 8

/** One magnitude of the exact form: at or above `from`, divide by `divisor`; `unit` follows the digits. */
interface ExactStep {
  from: number
  divisor: number
  unit: string
}

/** The steps of one language and kind, biggest first: [divisor, unit]; the last, [1, unit], takes everything below. */
function exactSteps(...magnitudes: readonly [number, string][]): readonly ExactStep[] {
  return magnitudes.map(([divisor, unit]) => ({ from: divisor === 1 ? 0 : divisor, divisor, unit }))
}

const ZH_COUNT_STEPS = exactSteps([1e12, '万亿'], [1e8, '亿'], [1e4, '万'], [1, ''])

const EXACT_STEPS: Record<'zh' | 'en', Record<'count' | 'yuan', readonly ExactStep[]>> = {
  // Chinese money is counted in the same 万 / 亿 / 万亿, with 元 after
  zh: { count: ZH_COUNT_STEPS, yuan: ZH_COUNT_STEPS.map(step => ({ ...step, unit: `${step.unit}元` })) },
  en: {
    count: exactSteps([1e12, 'T'], [1e9, 'B'], [1, '']),
    yuan: exactSteps([1e12, 'T yuan'], [1e9, 'B yuan'], [1e6, 'M yuan'], [1, 'yuan']),
  },
}

function fixedFormatter(locale: string, digits: number): Intl.NumberFormat {
  return cached(`fixed|${locale}|${digits}`, () => new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }))
}

function splitExact(n: number, locale: string, kind: 'count' | 'yuan'): ValueWithUnit {
  const steps = EXACT_STEPS[isChinese(locale) ? 'zh' : 'en'][kind]
  const size = Math.abs(n)
  const step = steps.find(s => size >= s.from) ?? steps[steps.length - 1]!
  if (step.divisor === 1)
    return { value: fixedFormatter(locale, 0).format(Math.round(n)), unit: step.unit }
  const shown = n / step.divisor
  const integerDigits = Math.max(1, Math.floor(Math.log10(Math.abs(shown))) + 1)
  // The digits after the point that make up the significant ones, but none finer than one case or yuan.
  const digits = Math.min(Math.max(0, EXACT_SIGNIFICANT_DIGITS - integerDigits), Math.round(Math.log10(step.divisor)))
  return { value: fixedFormatter(locale, digits).format(shown), unit: step.unit }
}

/**
 * Split a number into digits and unit.
 * count: 104140000 → { value: '1.04', unit: '亿' } (zh) / { value: '104.1', unit: 'M' } (en);
 * yuan: 2.3e12 → { value: '2.3', unit: '万亿元' } (zh) / { value: '2.30', unit: 'T yuan' } (en).
 * With `{ exact: true }` (see SplitOptions): 8768312 → { value: '876.8312', unit: '万' };
 * 2113452300000 yuan → { value: '2.1134523', unit: '万亿元' } / { value: '2.1134523', unit: 'T yuan' }.
 */
export function splitValueUnit(n: number | null | undefined, locale: string, kind: 'count' | 'yuan' = 'count', options: SplitOptions = {}): ValueWithUnit {
  if (!isNumber(n))
    return { value: PLACEHOLDER, unit: '' }
  if (options.exact)
    return splitExact(n, locale, kind)
  const formatter = kind === 'yuan' ? yuanFormatter(locale) : countFormatter(locale)
  let value = ''
  let magnitude = ''
  for (const part of formatter.formatToParts(n)) {
    if (part.type === 'compact')
      magnitude = part.value
    else if (part.type === 'integer' || part.type === 'group' || part.type === 'decimal'
      || part.type === 'fraction' || part.type === 'minusSign')
      value += part.value
  }
  if (kind === 'count')
    return { value, unit: magnitude }
  return { value, unit: isChinese(locale) ? `${magnitude}元` : magnitude ? `${magnitude} yuan` : 'yuan' }
}

function dateFormatter(locale: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`${key}|${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, ...options }))
}

/** The calendar date in Beijing: '2025年3月5日星期三' / 'Wednesday, March 5, 2025'. */
export function formatDate(ms: number | null | undefined, locale: string): string {
  if (!isNumber(ms))
    return PLACEHOLDER
  return dateFormatter(locale, 'date', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(ms)
}

/** The time of day in Beijing, 24-hour: '08:05:09'. */
export function formatClock(ms: number | null | undefined, locale: string): string {
  if (!isNumber(ms))
    return PLACEHOLDER
  return dateFormatter(locale, 'clock', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms)
}
