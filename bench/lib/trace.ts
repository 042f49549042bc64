/**
 * Main-thread cost per feed message, from a Chrome trace.
 *
 * The page marks each feed message with `console.timeStamp(MESSAGE_MARK)` from a listener added
 * before the wall's own (see MARK_FEED_MESSAGES), so the mark sits inside the task that handles
 * the message. Consecutive marks cut the renderer main thread into one window per message; the
 * busy time of a window is the union of top-level task intervals (RunTask) starting in it: the
 * message task itself (decode, store, Vue's flush) plus the animation frames, layouts and canvas
 * draws it caused until the next message. Ambient work (the 1 s clock) falls in some windows too,
 * so the figure is an honest upper bound of what one message costs.
 */
import type { CDPSession, Page } from 'playwright-core'

export const MESSAGE_MARK = 'wall-feed-message'

/**
 * Init script: subclass WebSocket so every feed socket gets a first 'message' listener that drops a
 * trace mark `wall-feed-message:<topic or frame type>` while `window.__benchMark` is true (off by
 * default: no cost outside the traced window).
 */
export const MARK_FEED_MESSAGES = `(() => {
  const Native = window.WebSocket
  window.__benchMark = false
  window.__benchMessages = 0
  class MarkedWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols)
      if (!String(url).includes('/feed'))
        return
      this.addEventListener('message', (event) => {
        window.__benchMessages++
        if (!window.__benchMark)
          return
        // The envelope's type and topic come first in every frame: a short regex, no JSON.parse.
        const head = typeof event.data === 'string' ? event.data.slice(0, 200) : ''
        const type = /"type":"([\\w.]+)"/.exec(head)?.[1] ?? '?'
        const topic = /"topic":"([\\w.]+)"/.exec(head)?.[1]
        console.timeStamp(${JSON.stringify(MESSAGE_MARK)} + ':' + (topic ?? type))
      })
    }
  }
  window.WebSocket = MarkedWebSocket
})()`

/** The subset of a Chrome trace event this module reads. */
export interface TraceEvent {
  name: string
  cat?: string
  ph: string
  pid: number
  tid: number
  /** µs */
  ts: number
  /** µs, complete ('X') events only */
  dur?: number
  args?: { data?: { message?: string, name?: string }, name?: string }
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel']
const TASK_NAMES = ['RunTask', 'ThreadControllerImpl::RunTask']

/** Record a trace of the page for `ms` milliseconds with feed messages marked. */
export async function traceMessages(page: Page, ms: number): Promise<TraceEvent[]> {
  const cdp: CDPSession = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', ({ value }) => {
    events.push(...(value as unknown as TraceEvent[]))
  })
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { recordMode: 'recordContinuously', includedCategories: CATEGORIES },
  })
  await page.evaluate(() => { (window as unknown as { __benchMark: boolean }).__benchMark = true })
  await new Promise(resolve => setTimeout(resolve, ms))
  await page.evaluate(() => { (window as unknown as { __benchMark: boolean }).__benchMark = false })
  const complete = new Promise<void>(resolve => cdp.once('Tracing.tracingComplete', () => resolve()))
  await cdp.send('Tracing.end')
  await complete
  await cdp.detach()
  return events
}

/** Per-message main-thread figures, in milliseconds. */
export interface MessageCost {
  /** marks found (messages traced) */
  messages: number
  /** busy time of each one-message window (message task + the frames it caused) */
  perMessageMs: number[]
  /** the topic (or frame type: snapshot, heartbeat) of each message, index-aligned with messageTaskMs */
  labels: string[]
  /** duration of the task that handled each message, alone */
  messageTaskMs: number[]
  /** main-thread busy time between the first and the last mark */
  busyMs: number
  /** time between the first and the last mark */
  spanMs: number
}

interface Interval { start: number, end: number }

/** Merge overlapping intervals: nested or duplicated task events count once. */
function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start)
  const merged: Interval[] = []
  for (const interval of sorted) {
    const last = merged[merged.length - 1]
    if (last && interval.start <= last.end)
      last.end = Math.max(last.end, interval.end)
    else
      merged.push({ ...interval })
  }
  return merged
}

/** Attribute the renderer main thread's busy time to the marked feed messages. */
export function attributeMessages(events: readonly TraceEvent[], mark = MESSAGE_MARK): MessageCost {
  const labelOf = (event: TraceEvent): string | null => {
    const text = event.args?.data?.message ?? event.args?.data?.name
    return text === mark ? '' : text?.startsWith(`${mark}:`) ? text.slice(mark.length + 1) : null
  }
  const marks = events
    .filter(event => event.name === 'TimeStamp' && labelOf(event) !== null)
    .sort((a, b) => a.ts - b.ts)
  const first = marks[0]
  if (!first)
    return { messages: 0, perMessageMs: [], labels: [], messageTaskMs: [], busyMs: 0, spanMs: 0 }
  // The marks come from the page's main thread: that pid/tid is the one to measure.
  const onMain = (event: TraceEvent): boolean => event.pid === first.pid && event.tid === first.tid
  const tasks = union(events
    .filter(event => event.ph === 'X' && TASK_NAMES.includes(event.name) && onMain(event) && event.dur !== undefined)
    .map(event => ({ start: event.ts, end: event.ts + (event.dur ?? 0) })))

  const taskAt = (ts: number): Interval | undefined => tasks.find(task => task.start <= ts && ts <= task.end)
  const boundaries = marks.map(event => taskAt(event.ts)?.start ?? event.ts)
  const messageTaskMs = marks.map((event) => {
    const task = taskAt(event.ts)
    return task ? (task.end - task.start) / 1000 : 0
  })

  const busyIn = (from: number, to: number): number => tasks
    .filter(task => task.start >= from && task.start < to)
    .reduce((sum, task) => sum + (task.end - task.start), 0) / 1000

  const perMessageMs: number[] = []
  for (let index = 0; index + 1 < boundaries.length; index++)
    perMessageMs.push(busyIn(boundaries[index] ?? 0, boundaries[index + 1] ?? 0))

  const start = boundaries[0] ?? 0
  const end = boundaries[boundaries.length - 1] ?? start
  return {
    messages: marks.length,
    perMessageMs,
    labels: marks.map(event => labelOf(event) ?? ''),
    messageTaskMs,
    busyMs: busyIn(start, end),
    spanMs: (end - start) / 1000,
  }
}

/** One top-level task on the page's main thread, in ms on the trace clock. */
export interface MainThreadTask {
  startMs: number
  durationMs: number
}

/**
 * The top-level tasks of the thread that carries the feed marks, merged where they nest, with the
 * marks themselves: enough to find the long task a message set off when nothing else reports it.
 */
export function mainThreadTasks(events: readonly TraceEvent[], mark = MESSAGE_MARK): { tasks: MainThreadTask[], marks: { atMs: number, label: string }[] } {
  const isMark = (event: TraceEvent): boolean => {
    const text = event.args?.data?.message ?? event.args?.data?.name
    return event.name === 'TimeStamp' && (text === mark || text?.startsWith(`${mark}:`) === true)
  }
  const marks = events.filter(isMark).sort((a, b) => a.ts - b.ts)
  const first = marks[0]
  if (!first)
    return { tasks: [], marks: [] }
  const tasks = union(events
    .filter(event => event.ph === 'X' && TASK_NAMES.includes(event.name) && event.pid === first.pid && event.tid === first.tid && event.dur !== undefined)
    .map(event => ({ start: event.ts, end: event.ts + (event.dur ?? 0) })))
  return {
    tasks: tasks.map(task => ({ startMs: task.start / 1000, durationMs: (task.end - task.start) / 1000 })),
    marks: marks.map((event) => {
      const text = event.args?.data?.message ?? event.args?.data?.name ?? ''
      return { atMs: event.ts / 1000, label: text.startsWith(`${mark}:`) ? text.slice(mark.length + 1) : '' }
    }),
  }
}

/**
 * Total ms of complete events called `name` (e.g. 'Commit': the main thread handing a frame to the
 * compositor and waiting for it) on the thread that carries the feed marks, between the first and the last mark.
 */
export function mainThreadTimeIn(events: readonly TraceEvent[], name: string, mark = MESSAGE_MARK): number {
  const marks = events
    .filter(event => event.name === 'TimeStamp' && (event.args?.data?.message ?? event.args?.data?.name ?? '').startsWith(mark))
    .sort((a, b) => a.ts - b.ts)
  const first = marks[0]
  const last = marks[marks.length - 1]
  if (!first || !last)
    return 0
  return union(events
    .filter(event => event.name === name && event.ph === 'X' && event.pid === first.pid && event.tid === first.tid && event.dur !== undefined)
    .map(event => ({ start: Math.max(event.ts, first.ts), end: Math.min(event.ts + (event.dur ?? 0), last.ts) }))
    .filter(interval => interval.end > interval.start))
    .reduce((sum, interval) => sum + interval.end - interval.start, 0) / 1000
}
