/**
 * Where a page switch's time goes: `npx tsx bench/profile-switch.ts [from] [to] [switches]` (after
 * `npx vite build`) opens a 7680×2160 wall, waits until it has made its pages, then traces
 * `switches` (default 4) switches from → to → from … over the control channel and prints, for the
 * time from each command to the page's first frame done, the trace events by total time per thread
 * (main thread, compositor, raster workers). The figures are what one switch costs, summed over all.
 */
import { delay } from '../e2e/harness.ts'
import { openControlledWall } from './lib/control.ts'
import type { TraceEvent } from './lib/trace.ts'

const [from = 'overview', to = 'delegation', count = '4'] = process.argv.slice(2)
const SWITCHES = Number(count)
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'cc', 'disabled-by-default-cc.debug.scheduler.frames', 'benchmark']

const wall = await openControlledWall({ width: 7680, height: 2160, feedRate: 10 })
try {
  const { page } = wall.wall
  // both pages shown once, so the switches timed are between two pages kept mounted
  await wall.show(to)
  await delay(2000)
  await wall.show(from)
  await delay(2000)
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', ({ value }) => {
    events.push(...(value as unknown as TraceEvent[]))
  })
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { recordMode: 'recordContinuously', includedCategories: CATEGORIES } })
  const windows: { start: number, end: number, id: string }[] = []
  for (let i = 0; i < SWITCHES; i++) {
    const id = i % 2 === 0 ? to : from
    const start = await page.evaluate(() => {
      console.timeStamp('switch-start')
      return performance.now()
    })
    await wall.control.command({ kind: 'showPage', page: id })
    const end = await page.evaluate(target => new Promise<number>((resolve) => {
      const check = (): void => {
        const slot = document.querySelector(`.wall-page[data-shown="true"] [data-screen="${target}"]`)
        if (slot)
          requestAnimationFrame(() => requestAnimationFrame(() => {
            console.timeStamp('switch-end')
            resolve(performance.now())
          }))
        else
          setTimeout(check, 1)
      }
      check()
    }), id)
    windows.push({ start, end, id })
    await delay(1500)
  }
  const complete = new Promise<void>(resolve => cdp.once('Tracing.tracingComplete', () => resolve()))
  await cdp.send('Tracing.end')
  await complete
  await cdp.detach()

  const threadNames = new Map<string, string>()
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name')
      threadNames.set(`${event.pid}:${event.tid}`, event.args?.name ?? '?')
  }
  const stamps = events.filter(event => event.name === 'TimeStamp').map(event => ({ ts: event.ts, label: event.args?.data?.message ?? '' }))
  const starts = stamps.filter(stamp => stamp.label === 'switch-start').map(stamp => stamp.ts)
  const ends = stamps.filter(stamp => stamp.label === 'switch-end').map(stamp => stamp.ts)
  const spans = starts.map((start, i) => ({ start, end: ends[i] ?? start }))
  console.log(`switches, command → first frame done (ms): ${windows.map(w => `${w.id} ${(w.end - w.start).toFixed(0)}`).join(', ')}`)
  const totals = new Map<string, number>()
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined)
      continue
    if (!spans.some(span => event.ts >= span.start && event.ts < span.end))
      continue
    const thread = threadNames.get(`${event.pid}:${event.tid}`) ?? `${event.tid}`
    const key = `${thread} | ${event.name}`
    totals.set(key, (totals.get(key) ?? 0) + event.dur / 1000)
  }
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)
  for (const [key, ms] of top)
    console.log(`${(ms / SWITCHES).toFixed(1).padStart(8)} ms/switch  ${key}`)
}
finally {
  await wall.close()
}
