/**
 * Where a page's main-thread time goes: `npx tsx bench/profile-page.ts <page> [seconds]` shows the
 * page on a 7680×2160 wall (FEED_RATE=10), traces it, and prints the per-message windows' p95 and,
 * for the windows at or above it, the trace events inside them by total time (nested events are
 * counted inside their parents too, so the rows overlap). PROFILE_DUMP=1 lists the events of the last
 * heavy window, or with PROFILE_DUMP_TOPIC=<topic> of that topic's median window. Build first (`npx vite build`).
 */
import { delay } from '../e2e/harness.ts'
import { openControlledWall } from './lib/control.ts'
import { percentile } from './lib/stats.ts'
import { attributeMessages, MARK_FEED_MESSAGES, MESSAGE_MARK, traceMessages, type TraceEvent } from './lib/trace.ts'

const pageId = process.argv[2] ?? 'overview'
const seconds = Number(process.argv[3] ?? 10)

/** PROFILE_CLIP=x,y,width,height: the part of the wall the screenshot keeps. */
function clipOf(text: string | undefined) {
  const [x, y, width, height] = (text ?? '').split(',').map(Number)
  return [x, y, width, height].every(n => Number.isFinite(n)) ? { x: x!, y: y!, width: width!, height: height! } : undefined
}

const wall = await openControlledWall({ width: 7680, height: 2160, feedRate: 10, initScripts: [MARK_FEED_MESSAGES] })
try {
  if (process.env.PROFILE_REDUCED_MOTION)
    await wall.wall.page.emulateMedia({ reducedMotion: 'reduce' })
  // a page being made out of sight (a tour's or playlist's next) is put away before the trace
  await wall.wall.page.waitForFunction(() => document.querySelector('.wall-page--warming') === null, undefined, { polling: 500, timeout: 60_000 }).catch(() => {})
  await wall.show(pageId)
  if (process.env.PROFILE_CSS)
    await wall.wall.page.addStyleTag({ content: process.env.PROFILE_CSS })
  await delay(Number(process.env.PROFILE_WARM_UP_MS ?? 5000))
  if (process.env.PROFILE_SCREENSHOT)
    await wall.wall.page.screenshot({ path: process.env.PROFILE_SCREENSHOT, clip: clipOf(process.env.PROFILE_CLIP) })
  const events = await traceMessages(wall.wall.page, seconds * 1000)
  const cost = attributeMessages(events)
  const p95 = percentile(cost.perMessageMs, 95) ?? 0
  const marks = events.filter(e => e.name === 'TimeStamp' && String(e.args?.data?.message ?? '').startsWith(MESSAGE_MARK)).sort((a, b) => a.ts - b.ts)
  const main = marks[0]
  if (!main)
    throw new Error(`no feed message was traced on '${pageId}' in ${seconds} s: is the wall live?`)
  const heavy: { start: number, end: number, ms: number, label: string }[] = []
  cost.perMessageMs.forEach((ms, i) => {
    if (ms >= p95 && marks[i] && marks[i + 1])
      heavy.push({ start: marks[i]!.ts, end: marks[i + 1]!.ts, ms, label: cost.labels[i] ?? '' })
  })
  const byLabel = new Map<string, number[]>()
  cost.perMessageMs.forEach((ms, i) => byLabel.set(cost.labels[i] ?? '', [...(byLabel.get(cost.labels[i] ?? '') ?? []), ms]))
  const perTopic = [...byLabel].map(([label, list]) => `${label} ×${list.length} median ${(percentile(list, 50) ?? 0).toFixed(1)}`)
  const totals = new Map<string, number>()
  const threads = new Map<string, number>()
  for (const e of events as TraceEvent[]) {
    if (e.ph !== 'X' || e.dur === undefined)
      continue
    if (!heavy.some(w => e.ts >= w.start && e.ts < w.end))
      continue
    if (e.pid === main.pid && e.tid === main.tid)
      totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000)
    else if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')
      threads.set(`${e.pid}/${e.tid}`, (threads.get(`${e.pid}/${e.tid}`) ?? 0) + e.dur / 1000)
  }
  console.log(`${pageId}: ${cost.messages} messages, p95 ${p95.toFixed(1)} ms, windows at or above it: ${heavy.map(w => `${w.ms.toFixed(0)} (${w.label})`).join(' ')}`)
  console.log(`  windows by topic: ${perTopic.join(', ')}`)
  for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`)
  const commits = (events as TraceEvent[]).filter(e => e.ph === 'X' && e.name === 'Commit' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
  const commitMs = commits.map(e => e.dur! / 1000).sort((a, b) => a - b)
  console.log(`commits: ${commits.length} in ${seconds} s, median ${(percentile(commitMs, 50) ?? 0).toFixed(1)} ms, p95 ${(percentile(commitMs, 95) ?? 0).toFixed(1)} ms, total ${commitMs.reduce((a, b) => a + b, 0).toFixed(0)} ms`)
  // PROFILE_DUMP_TOPIC=<topic>: dump that topic's median window instead of the last heavy one
  const dumpTopic = process.env.PROFILE_DUMP_TOPIC
  const ofTopic = cost.perMessageMs.map((ms, i) => ({ ms, i })).filter(x => cost.labels[x.i] === dumpTopic && marks[x.i + 1]).sort((a, b) => a.ms - b.ms)
  const mid = ofTopic[Math.floor(ofTopic.length / 2)]
  const w = dumpTopic && mid ? { start: marks[mid.i]!.ts, end: marks[mid.i + 1]!.ts, ms: mid.ms, label: dumpTopic } : heavy.at(-1)
  if (process.env.PROFILE_DUMP && w) {
    const mainEvents = (events as TraceEvent[]).filter(e => e.ph === 'X' && e.dur !== undefined && e.pid === main.pid && e.tid === main.tid && e.ts + e.dur >= w.start && e.ts < w.end && e.dur >= Number(process.env.PROFILE_DUMP_MIN_US ?? 300))
      .sort((a, b) => a.ts - b.ts)
    for (const e of mainEvents)
      console.log(`  +${((e.ts - w.start) / 1000).toFixed(1).padStart(6)} ${(e.dur! / 1000).toFixed(1).padStart(6)} ms ${e.name} ${JSON.stringify(e.args ?? {}).slice(0, Number(process.env.PROFILE_DUMP_WIDTH ?? 140))}`)
  }
  console.log('other threads, busy in those windows:')
  for (const [thread, ms] of [...threads].sort((a, b) => b[1] - a[1]).slice(0, 6))
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${thread}`)
}
finally {
  await wall.close()
}
