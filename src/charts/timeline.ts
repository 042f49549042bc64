/**
 * Layout of the 挂图作战 battle-plan strip: one horizontal time axis, a dot per milestone, and
 * labels placed in lanes above and below the axis so they never overlap. Where the milestones
 * are too dense for every label (the years of the campaign), neighbours share one group label
 * ("2018-02 – 2018-05 · 5 milestones") while each keeps its own coloured dot on the axis.
 * The axis runs one way in time but is not strictly linear: by default half of each milestone's
 * position comes from its date and half from its rank, so a campaign's busy years get room and
 * quiet decades do not eat the strip. Year ticks go through the same mapping, so the stretch shows.
 * Pure: the panel renders the result in DOM, and tests check it without a browser.
 */
import { chinaTime, chinaDate } from '~/domain/chinaTime'
import { textWidthEm } from '~/logic/textWidth'
import type { Milestone } from '~/protocol'

/** 'YYYY-MM-DD' or 'YYYY-MM' (= the 1st) → epoch ms of Beijing midnight. */
export function milestoneTime(date: string): number {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number)
  return chinaTime(y, m, d)
}

export interface TimelineOptions {
  /** label lanes, split above and below the axis (at least 2) */
  lanes: number
  /** width of one label as a fraction of the axis */
  labelWidth: number
  /** space kept between labels in a lane, fraction of the axis */
  labelGap?: number
  /** 0 = position by date only; 1 = milestones evenly spaced; default 0.5 */
  evenness?: number
  /** least distance between two year ticks, fraction of the axis; default a third of a label */
  tickGap?: number
}

export interface PlacedNode {
  milestone: Milestone
  /** 0–1 along the axis */
  x: number
}

export interface PlacedLabel {
  /** −1 nearest above the axis, −2 above that …; +1 nearest below … */
  lane: number
  /** left edge, 0–1 (the label is `labelWidth` wide) */
  left: number
  /** where its connector meets the axis: the first member's x */
  anchor: number
  /** its milestones in date order; more than one = a group label */
  members: Milestone[]
}

export interface TimelineLayout {
  start: number
  end: number
  nodes: PlacedNode[]
  labels: PlacedLabel[]
  /** x of the today marker, 0–1 */
  todayX: number
  /** axis ticks at year starts */
  years: { year: number, x: number }[]
}

/** Lane order: nearest the axis first, alternating above and below. */
function laneOrder(lanes: number): number[] {
  const order: number[] = []
  for (let i = 1; order.length < lanes; i++) {
    order.push(-i)
    if (order.length < lanes)
      order.push(i)
  }
  return order
}

/**
 * Time → 0–1 along the axis: a blend of the linear position and the milestones' rank
 * (piecewise linear between them). Strictly increasing, so the order of dates is kept.
 */
export function timeScale(sortedTimes: readonly number[], start: number, end: number, evenness: number): (t: number) => number {
  const span = Math.max(1, end - start)
  const linear = (t: number) => (t - start) / span
  const a = Math.min(1, Math.max(0, evenness))
  const distinct = [...new Set(sortedTimes)]
  if (a === 0 || distinct.length === 0)
    return linear
  // knots: the frame's ends and each distinct date at the middle of its rank
  const knots: [number, number][] = [[start, 0]]
  const n = distinct.length
  distinct.forEach((t, i) => knots.push([t, (i + 0.5) / n]))
  knots.push([end, 1])
  const rank = (t: number) => {
    if (t <= start)
      return 0
    if (t >= end)
      return 1
    let i = 1
    while (i < knots.length - 1 && knots[i]![0] < t)
      i++
    const [t0, r0] = knots[i - 1]!
    const [t1, r1] = knots[i]!
    return t1 === t0 ? r1 : r0 + (r1 - r0) * (t - t0) / (t1 - t0)
  }
  return t => (1 - a) * linear(t) + a * rank(t)
}

export function layoutTimeline(milestones: readonly Milestone[], now: number, options: TimelineOptions): TimelineLayout {
  const lanes = Math.max(2, Math.floor(options.lanes))
  const width = Math.min(1, Math.max(0.01, options.labelWidth))
  const gap = options.labelGap ?? width * 0.06
  const dated = milestones
    .map((milestone, index) => ({ milestone, t: milestoneTime(milestone.date), index }))
    .sort((a, b) => a.t - b.t || a.index - b.index)

  const times = [now, ...dated.map(d => d.t)]
  const first = Math.min(...times)
  const last = Math.max(...times)
  // A margin on both sides so the first and last dots are not on the frame; at least a month.
  const pad = Math.max((last - first) * 0.03, 30 * 86_400_000)
  const start = first - pad
  const end = last + pad
  const xOf = timeScale(dated.map(d => d.t), start, end, options.evenness ?? 0.5)

  const nodes: PlacedNode[] = dated.map(d => ({ milestone: d.milestone, x: xOf(d.t) }))
  const labels: PlacedLabel[] = []
  const laneEnd = new Map<number, number>()
  const order = laneOrder(lanes)
  for (const node of nodes) {
    const left = Math.min(1 - width, Math.max(0, node.x - width / 2))
    const lane = order.find(l => left >= (laneEnd.get(l) ?? Number.NEGATIVE_INFINITY) + gap)
    const previous = labels[labels.length - 1]
    if (lane === undefined && previous) {
      previous.members.push(node.milestone)
      continue
    }
    const chosen = lane ?? order[0] ?? -1
    labels.push({ lane: chosen, left, anchor: node.x, members: [node.milestone] })
    laneEnd.set(chosen, left + width)
  }

  const tickGap = options.tickGap ?? width / 3
  const years: { year: number, x: number }[] = []
  const startYear = chinaDate(start).year + 1
  const endYear = chinaDate(end).year
  for (let year = startYear; year <= endYear; year++) {
    const x = xOf(chinaTime(year))
    // where the axis is squeezed, skip years rather than print them over each other
    const previous = years[years.length - 1]
    if (!previous || x - previous.x >= tickGap)
      years.push({ year, x })
  }
  return { start, end, nodes, labels, todayX: xOf(now), years }
}

/**
 * The span of a group label's milestones, as long as `roomEm` allows: '2018-02 – 2018-05',
 * else '2018 – 2019' (years), else '2018–19'. One month or one year is written once.
 */
export function groupSpanText(firstDate: string, lastDate: string, roomEm = Number.POSITIVE_INFINITY): string {
  const [firstMonth, lastMonth] = [firstDate.slice(0, 7), lastDate.slice(0, 7)]
  const [firstYear, lastYear] = [firstDate.slice(0, 4), lastDate.slice(0, 4)]
  if (firstMonth === lastMonth)
    return firstMonth
  const candidates = [`${firstMonth} – ${lastMonth}`, firstYear === lastYear ? firstYear : `${firstYear} – ${lastYear}`]
  return candidates.find(text => textWidthEm(text) <= roomEm)
    ?? (firstYear === lastYear ? firstYear : `${firstYear}–${lastYear.slice(2)}`)
}
