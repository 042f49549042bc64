/**
 * What grows in the wall's heap over a long playlist: `npx tsx bench/heap-diff.ts` (after
 * `npx vite build`; `npx vite build --minify false` keeps the constructors' names readable).
 *
 * One server at FEED_RATE=40, one wall at 3840×1080, the server's own playlist over every page at
 * 5 s, as `npm run soak` runs it (bench/soak-playlist.ts). At HEAP_DIFF_FIRST_MIN and
 * HEAP_DIFF_SECOND_MIN (default 3 and 15), halfway through the first playlist item on screen (the
 * same page both times), the wall is counted and a heap snapshot taken after a forced GC. Then the
 * two snapshots are compared: classes by growth, the objects of the second that the first did not
 * have, and the old objects that now hold them (lib/heapsnapshot.ts). The counts beside it: heap
 * after GC, DOM nodes and detached nodes, listeners on window and document, Vue component instances
 * and their effects, subscribers of the stores' refs, ECharts instances, live timers and resize
 * observers, and the feed and history stores' sizes.
 *
 * | env | default | |
 * | --- | --- | --- |
 * | HEAP_DIFF_FIRST_MIN, HEAP_DIFF_SECOND_MIN | 3, 15 | the two snapshots |
 * | HEAP_DIFF_WIDTH, HEAP_DIFF_HEIGHT | 3840, 1080 | the wall's pixels |
 * | HEAP_DIFF_FEED_RATE | 40 | feed messages a second |
 * | HEAP_DIFF_DWELL_SECONDS | 5 | per page |
 * | HEAP_DIFF_LOOK_MS | 2000 | read the wall like the soak does (lib/wall-probe.ts) this often; 0: never |
 * | HEAP_DIFF_TOP | 25 | rows per table |
 * | HEAP_DIFF_KEEP | unset | keep the .heapsnapshot files (in the OS temp folder) |
 *
 * The summary goes to bench/results/heap-diff-<UTC date-time>.json.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { delay } from '../e2e/harness.ts'
import { KEPT_PAGES_MAX } from '../src/components/keptPages.ts'
import { openControlledWall } from './lib/control.ts'
import { liveHeapBytes } from './lib/heap.ts'
import {
  CATEGORIES,
  categoryTotals,
  classTotals,
  compareClasses,
  detachedByClass,
  liveBytes,
  newObjects,
  oldHolders,
  readHeapSnapshot,
  retainerPath,
  reverseEdges,
  type RawHeapSnapshot,
} from './lib/heapsnapshot.ts'
import { writeResult } from './lib/results.ts'
import { domCounters, readWallView, WALL_PROBE, type DomCounters } from './lib/wall-probe.ts'

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name}=${process.env[name]}: a number ≥ 0`)
  return value
}
const FIRST_MIN = num('HEAP_DIFF_FIRST_MIN', 3)
const SECOND_MIN = num('HEAP_DIFF_SECOND_MIN', 15)
const WIDTH = num('HEAP_DIFF_WIDTH', 3840)
const HEIGHT = num('HEAP_DIFF_HEIGHT', 1080)
const FEED_RATE = num('HEAP_DIFF_FEED_RATE', 40)
const DWELL_SEC = num('HEAP_DIFF_DWELL_SECONDS', 5)
const LOOK_MS = num('HEAP_DIFF_LOOK_MS', 2000)
const TOP = num('HEAP_DIFF_TOP', 25)
const KEEP = process.env.HEAP_DIFF_KEEP !== undefined
const MB = 1024 * 1024
const KB = 1024

const log = (line: string): void => {
  process.stderr.write(`[heap-diff] ${line}\n`)
}
const out = (line = ''): void => {
  process.stdout.write(`${line}\n`)
}

/**
 * Init script: live timers, animation frames and resize observers, counted without changing what
 * they do. An interval notes where it was set (intervals are few; timeouts come by the thousand).
 */
const TIMER_PROBE = `(() => {
  if (window.__timerProbe) return
  const probe = { timeouts: new Set(), intervals: new Map(), frames: new Set(), made: { timeouts: 0, intervals: 0, frames: 0 }, observers: [] }
  window.__timerProbe = probe
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci, requestAnimationFrame: raf, cancelAnimationFrame: caf } = window
  window.setTimeout = function (fn, ms, ...rest) {
    probe.made.timeouts++
    const id = st.call(window, function () { probe.timeouts.delete(id); return typeof fn === 'function' ? fn.apply(this, arguments) : undefined }, ms, ...rest)
    probe.timeouts.add(id)
    return id
  }
  window.clearTimeout = function (id) { probe.timeouts.delete(id); probe.intervals.delete(id); return ct.call(window, id) }
  window.setInterval = function (fn, ms, ...rest) {
    probe.made.intervals++
    const id = si.call(window, fn, ms, ...rest)
    probe.intervals.set(id, (new Error().stack || '').split('\\n').slice(2, 4).map(line => line.trim()).join(' < '))
    return id
  }
  window.clearInterval = function (id) { probe.intervals.delete(id); probe.timeouts.delete(id); return ci.call(window, id) }
  window.requestAnimationFrame = function (fn) {
    probe.made.frames++
    const id = raf.call(window, function (t) { probe.frames.delete(id); return fn(t) })
    probe.frames.add(id)
    return id
  }
  window.cancelAnimationFrame = function (id) { probe.frames.delete(id); return caf.call(window, id) }
  const Native = window.ResizeObserver
  window.ResizeObserver = class extends Native {
    constructor(callback) { super(callback); this.__targets = new Set(); probe.observers.push(new WeakRef(this)) }
    observe(target, options) { this.__targets.add(target); return super.observe(target, options) }
    unobserve(target) { this.__targets.delete(target); return super.unobserve(target) }
    disconnect() { this.__targets.clear(); return super.disconnect() }
  }
})()`

/** What the page itself can tell about its own state. */
interface PageCounts {
  screen: string | null
  timeouts: number
  intervals: string[]
  frames: number
  made: { timeouts: number, intervals: number, frames: number }
  resizeObservers: { alive: number, observing: number, targets: number, detachedTargets: number }
  echartsInDocument: number
  vue: { components: number, effects: number, cleanups: number, byName: Record<string, number> } | null
  /** subscribers of every ref and computed in the stores, `store.key` → count */
  subscribers: Record<string, number>
  i18nLocaleSubscribers: number | null
  feed: { topics: number, recentRejections: number, messagesAccepted: number } | null
  historySamples: number | null
}

async function pageCounts(page: Page): Promise<PageCounts> {
  return page.evaluate(() => {
    type Scope = { effects: unknown[], cleanups: unknown[] }
    type Instance = { type: { __name?: string, name?: string }, scope: Scope, subTree: Node | null }
    type Node = { component?: Instance | null, children?: unknown, suspense?: { activeBranch?: Node | null } | null }
    type Link = { prevSub?: Link }
    type Dep = { subs?: Link }
    // subscribers in the dep's list (its `sc` counts links ever made, also of computeds since idle)
    const subscriberCount = (dep: Dep | undefined): number | null => {
      if (!dep || typeof dep !== 'object' || !('subs' in dep))
        return null
      let count = 0
      for (let link = dep.subs; link; link = link.prevSub)
        count++
      return count
    }
    const w = window as unknown as {
      __timerProbe?: {
        timeouts: Set<number>
        intervals: Map<number, string>
        frames: Set<number>
        made: { timeouts: number, intervals: number, frames: number }
        observers: WeakRef<ResizeObserver & { __targets: Set<Element> }>[]
      }
    }
    const probe = w.__timerProbe
    const observers = (probe?.observers ?? []).map(ref => ref.deref()).filter(o => o !== undefined)
    if (probe)
      probe.observers = observers.map(o => new WeakRef(o))
    const targets = observers.flatMap(o => [...o.__targets])

    const container = document.querySelector('#app') as (Element & { _vnode?: Node, __vue_app__?: { config: { globalProperties: Record<string, unknown> }, _context: { provides: Record<symbol, unknown> } } }) | null
    let vue: PageCounts['vue'] = null
    if (container?._vnode) {
      const byName: Record<string, number> = {}
      let components = 0
      let effects = 0
      let cleanups = 0
      const walk = (node: Node | null | undefined): void => {
        if (!node)
          return
        const component = node.component
        if (component) {
          components++
          const name = component.type.__name ?? component.type.name ?? '(anonymous)'
          byName[name] = (byName[name] ?? 0) + 1
          effects += component.scope.effects.length
          cleanups += component.scope.cleanups.length
          walk(component.subTree)
          return
        }
        if (node.suspense?.activeBranch)
          walk(node.suspense.activeBranch)
        if (Array.isArray(node.children)) {
          for (const child of node.children)
            walk(child as Node)
        }
      }
      walk(container._vnode)
      vue = { components, effects, cleanups, byName }
    }

    const app = container?.__vue_app__
    const pinia = app?.config.globalProperties.$pinia as { _s: Map<string, Record<string, unknown>> } | undefined
    const subscribers: Record<string, number> = {}
    let feed: PageCounts['feed'] = null
    let historySamples: number | null = null
    for (const [id, store] of pinia?._s ?? []) {
      const raw = (store.__v_raw ?? store) as Record<string, unknown>
      for (const [key, value] of Object.entries(raw)) {
        const count = value !== null && typeof value === 'object' ? subscriberCount((value as { dep?: Dep }).dep) : null
        if (count !== null)
          subscribers[`${id}.${key}`] = count
      }
      if (id === 'feed') {
        const latest = store.latest as Record<string, unknown>
        const rejections = store.rejections as { recent: unknown[] }
        feed = { topics: Object.keys(latest).length, recentRejections: rejections.recent.length, messagesAccepted: store.messagesAccepted as number }
      }
      if (id === 'history')
        historySamples = (store.samples as unknown[]).length
    }
    let i18nLocaleSubscribers: number | null = null
    const provides = app?._context.provides ?? {}
    for (const key of Object.getOwnPropertySymbols(provides)) {
      const candidate = provides[key] as { mode?: string, global?: { locale?: { dep?: Dep } } } | null
      if (candidate && typeof candidate === 'object' && 'mode' in candidate && candidate.global)
        i18nLocaleSubscribers = subscriberCount(candidate.global.locale?.dep)
    }
    return {
      screen: document.querySelector('[data-shown="true"] [data-screen]')?.getAttribute('data-screen') ?? null,
      timeouts: probe?.timeouts.size ?? 0,
      intervals: [...probe?.intervals.values() ?? []],
      frames: probe?.frames.size ?? 0,
      made: probe?.made ?? { timeouts: 0, intervals: 0, frames: 0 },
      resizeObservers: {
        alive: observers.length,
        observing: observers.filter(o => o.__targets.size > 0).length,
        targets: targets.length,
        detachedTargets: targets.filter(target => !target.isConnected).length,
      },
      echartsInDocument: document.querySelectorAll('[_echarts_instance_]').length,
      vue,
      subscribers,
      i18nLocaleSubscribers,
      feed,
      historySamples,
    }
  })
}

/** Listeners on window and document by event type (CDP DOMDebugger). */
async function globalListeners(page: Page): Promise<Record<string, Record<string, number>>> {
  const cdp = await page.context().newCDPSession(page)
  const result: Record<string, Record<string, number>> = {}
  try {
    for (const target of ['window', 'document']) {
      const { result: handle } = await cdp.send('Runtime.evaluate', { expression: target, objectGroup: 'heap-diff' })
      if (!handle.objectId)
        continue
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: handle.objectId })
      const byType: Record<string, number> = {}
      for (const listener of listeners)
        byType[listener.type] = (byType[listener.type] ?? 0) + 1
      result[target] = byType
    }
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'heap-diff' })
  }
  finally {
    await cdp.detach()
  }
  return result
}

/** `pageId` on screen, KEPT_PAGES_MAX pages mounted and none still being made out of sight. */
async function settled(page: Page, pageId: string | undefined): Promise<boolean> {
  return page.evaluate(({ pageId, kept }) => {
    const slots = [...document.querySelectorAll('.wall-page')]
    return slots.length === kept && !slots.some(slot => slot.classList.contains('wall-page--warming'))
      && document.querySelector(`[data-shown="true"] [data-screen="${pageId}"]`) !== null
  }, { pageId, kept: KEPT_PAGES_MAX })
}

/**
 * Heap snapshots through one DevTools session, kept open for the whole run: V8 keeps an object's
 * id from one snapshot to the next only while the heap profiler stays enabled (disabling it clears
 * the ids), and the comparison of objects across snapshots rests on those ids.
 */
interface HeapProfiler {
  /** a forced GC, then the snapshot streamed to `file` */
  snapshot: (file: string) => Promise<void>
  close: () => Promise<void>
}

async function openHeapProfiler(page: Page): Promise<HeapProfiler> {
  const cdp = await page.context().newCDPSession(page)
  let sink: WriteStream | null = null
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => {
    sink?.write(chunk)
  })
  await cdp.send('HeapProfiler.enable')
  return {
    async snapshot(file) {
      const stream = createWriteStream(file)
      sink = stream
      try {
        await cdp.send('HeapProfiler.collectGarbage')
        await cdp.send('HeapProfiler.collectGarbage')
        await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
      }
      finally {
        sink = null
        await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => error ? reject(error) : resolve()))
      }
    },
    async close() {
      await cdp.send('HeapProfiler.disable').catch(() => {})
      await cdp.detach().catch(() => {})
    },
  }
}

interface Mark {
  minute: number
  /** ms since the playlist started */
  t: number
  heapBytes: number
  dom: DomCounters
  listeners: Record<string, Record<string, number>>
  counts: PageCounts
  file: string
}

const mb = (bytes: number): string => (bytes / MB).toFixed(2)
const kb = (bytes: number): string => (bytes / KB).toFixed(1)
const signed = (value: number, digits = 0): string => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  return [line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(line)].join('\n')
}

/** Keys whose figures differ between two flat records, with both values. */
function changed(a: Record<string, number>, b: Record<string, number>): string[][] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter(key => (a[key] ?? 0) !== (b[key] ?? 0))
    .sort()
    .map(key => [key, String(a[key] ?? 0), String(b[key] ?? 0), signed((b[key] ?? 0) - (a[key] ?? 0))])
}

function flatListeners(listeners: Record<string, Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(listeners).flatMap(([target, byType]) => Object.entries(byType).map(([type, count]) => [`${target} ${type}`, count])))
}

/** Run the wall and take the two marks, each with its snapshot in `dir`. */
async function measure(dir: string): Promise<Mark[]> {
  log(`opening a ${WIDTH}×${HEIGHT} wall, FEED_RATE=${FEED_RATE}; snapshots at minutes ${FIRST_MIN} and ${SECOND_MIN} in ${dir}`)
  const wall = await openControlledWall({ width: WIDTH, height: HEIGHT, feedRate: FEED_RATE, initScripts: [WALL_PROBE, TIMER_PROBE] })
  const { page } = wall.wall
  const marks: Mark[] = []
  let profiler: HeapProfiler | null = null
  try {
    const pages = wall.control.pages.map(entry => entry.id)
    for (const command of [{ kind: 'setPlaylist', items: pages.map(id => ({ page: id, dwellSec: DWELL_SEC })) } as const, { kind: 'playlistStart' } as const]) {
      const { answer } = await wall.control.command(command)
      if (answer.type === 'nack')
        throw new Error(`${command.kind} refused: ${answer.code} ${answer.message}`)
    }
    const playlistStartedAt = Date.now()
    const target = pages[0]
    log(`playlist of ${pages.length} pages at ${DWELL_SEC} s; both snapshots on ${target}`)

    let nextLook = Date.now() + LOOK_MS
    let lastLog = Date.now()
    for (const minute of [FIRST_MIN, SECOND_MIN]) {
      const due = playlistStartedAt + minute * 60_000
      // On the first page, once the pages kept beside it are made (the playlist's next is made a
      // moment after the switch: before that the wall holds one page less), before the item ends.
      // A snapshot stops the page: the switch that falls in it waits until it is done.
      for (;;) {
        const now = Date.now()
        const { playlist } = wall.control.state()
        const inItem = playlist.itemStartedAt === null ? 0 : now - playlist.itemStartedAt
        if (now >= due && playlist.index === 0 && inItem >= 1000 && inItem < DWELL_SEC * 1000 - 300 && await settled(page, target))
          break
        if (LOOK_MS > 0 && now >= nextLook) {
          await readWallView(page)
          nextLook = now + LOOK_MS
        }
        if (now - lastLog >= 60_000) {
          lastLog = now
          log(`${((now - playlistStartedAt) / 60_000).toFixed(1)} min`)
        }
        await delay(100)
      }
      const t = Date.now() - playlistStartedAt
      // the snapshot first, on the page just checked; the counts after it
      const counts = await pageCounts(page)
      const file = join(dir, `minute-${minute}.heapsnapshot`)
      profiler ??= await openHeapProfiler(page)
      await profiler.snapshot(file)
      const heapBytes = await liveHeapBytes(page)
      const dom = await domCounters(page)
      const listeners = await globalListeners(page)
      marks.push({ minute, t, heapBytes, dom, listeners, counts, file })
      log(`minute ${minute} (${(t / 60_000).toFixed(2)}) on ${counts.screen}: heap ${mb(heapBytes)} MB, ${dom.nodes} nodes (${dom.detached} detached), ${dom.jsEventListeners} listeners`)
    }
  }
  finally {
    await profiler?.close()
    await wall.close()
  }
  return marks
}

/** The page's own counts at the two marks, as rows of the first table. */
function countRows(a: Mark, b: Mark): string[][] {
  return [
    ['JS heap after GC (MB)', mb(a.heapBytes), mb(b.heapBytes), signed((b.heapBytes - a.heapBytes) / MB, 2)],
    ['DOM nodes (renderer)', String(a.dom.nodes), String(b.dom.nodes), signed(b.dom.nodes - a.dom.nodes)],
    ['DOM nodes detached', String(a.dom.detached), String(b.dom.detached), signed(b.dom.detached - a.dom.detached)],
    ['JS event listeners (renderer)', String(a.dom.jsEventListeners), String(b.dom.jsEventListeners), signed(b.dom.jsEventListeners - a.dom.jsEventListeners)],
    ['Vue component instances', String(a.counts.vue?.components ?? '—'), String(b.counts.vue?.components ?? '—'), signed((b.counts.vue?.components ?? 0) - (a.counts.vue?.components ?? 0))],
    ['effects in their scopes', String(a.counts.vue?.effects ?? '—'), String(b.counts.vue?.effects ?? '—'), signed((b.counts.vue?.effects ?? 0) - (a.counts.vue?.effects ?? 0))],
    ['scope cleanups', String(a.counts.vue?.cleanups ?? '—'), String(b.counts.vue?.cleanups ?? '—'), signed((b.counts.vue?.cleanups ?? 0) - (a.counts.vue?.cleanups ?? 0))],
    ['ECharts instances in the document', String(a.counts.echartsInDocument), String(b.counts.echartsInDocument), signed(b.counts.echartsInDocument - a.counts.echartsInDocument)],
    ['i18n locale subscribers', String(a.counts.i18nLocaleSubscribers ?? '—'), String(b.counts.i18nLocaleSubscribers ?? '—'), signed((b.counts.i18nLocaleSubscribers ?? 0) - (a.counts.i18nLocaleSubscribers ?? 0))],
    ['pending timeouts', String(a.counts.timeouts), String(b.counts.timeouts), signed(b.counts.timeouts - a.counts.timeouts)],
    ['live intervals', String(a.counts.intervals.length), String(b.counts.intervals.length), signed(b.counts.intervals.length - a.counts.intervals.length)],
    ['pending animation frames', String(a.counts.frames), String(b.counts.frames), signed(b.counts.frames - a.counts.frames)],
    ['resize observers alive / observing', `${a.counts.resizeObservers.alive} / ${a.counts.resizeObservers.observing}`, `${b.counts.resizeObservers.alive} / ${b.counts.resizeObservers.observing}`, signed(b.counts.resizeObservers.alive - a.counts.resizeObservers.alive)],
    ['resize targets (detached)', `${a.counts.resizeObservers.targets} (${a.counts.resizeObservers.detachedTargets})`, `${b.counts.resizeObservers.targets} (${b.counts.resizeObservers.detachedTargets})`, signed(b.counts.resizeObservers.targets - a.counts.resizeObservers.targets)],
    ['feed topics / recent rejections', `${a.counts.feed?.topics} / ${a.counts.feed?.recentRejections}`, `${b.counts.feed?.topics} / ${b.counts.feed?.recentRejections}`, ''],
    ['feed messages accepted', String(a.counts.feed?.messagesAccepted), String(b.counts.feed?.messagesAccepted), ''],
    ['history samples (max 120)', String(a.counts.historySamples), String(b.counts.historySamples), signed((b.counts.historySamples ?? 0) - (a.counts.historySamples ?? 0))],
  ]
}

/** Store refs, listeners, components and intervals that differ between the marks. */
function printCountChanges(a: Mark, b: Mark): void {
  const subscriberRows = changed(a.counts.subscribers, b.counts.subscribers)
  out(`\nstore refs whose subscriber count changed: ${subscriberRows.length === 0 ? 'none' : ''}`)
  if (subscriberRows.length > 0)
    out(table(['store.key', 'before', 'after', 'change'], subscriberRows))
  const listenerRows = changed(flatListeners(a.listeners), flatListeners(b.listeners))
  out(`\nlisteners on window and document that changed: ${listenerRows.length === 0 ? `none (${Object.values(flatListeners(b.listeners)).reduce((sum, n) => sum + n, 0)} in all)` : ''}`)
  if (listenerRows.length > 0)
    out(table(['target type', 'before', 'after', 'change'], listenerRows))
  const componentRows = changed(a.counts.vue?.byName ?? {}, b.counts.vue?.byName ?? {})
  out(`\ncomponent instances that changed: ${componentRows.length === 0 ? 'none' : ''}`)
  if (componentRows.length > 0)
    out(table(['component', 'before', 'after', 'change'], componentRows))
  if (b.counts.intervals.length !== a.counts.intervals.length)
    out(`\nintervals at minute ${b.minute}:\n${b.counts.intervals.map(where => `  ${where}`).join('\n')}`)
}

/**
 * Compare two snapshots: `marks` are the counts taken beside them by `measure`, or null for two
 * saved files (`--compare a.heapsnapshot b.heapsnapshot`).
 */
function compare(files: [string, string], marks: [Mark, Mark] | null, startedAt: Date): string {
  log('reading the snapshots')
  const first = readHeapSnapshot(JSON.parse(readFileSync(files[0], 'utf8')) as RawHeapSnapshot)
  const firstIds = new Set<number>(first.id)
  const firstClasses = classTotals(first)
  const firstDetached = detachedByClass(first)
  const firstLive = liveBytes(first)
  const firstCategories = categoryTotals(first)
  const second = readHeapSnapshot(JSON.parse(readFileSync(files[1], 'utf8')) as RawHeapSnapshot)
  const secondClasses = classTotals(second)
  const secondLive = liveBytes(second)
  const secondCategories = categoryTotals(second)
  const reverse = reverseEdges(second)

  const [before, after] = marks ? [`minute ${marks[0].minute}`, `minute ${marks[1].minute}`] : ['first', 'second']
  if (marks)
    out(`\nCommand Wall heap diff — ${startedAt.toISOString()} — ${WIDTH}×${HEIGHT}, FEED_RATE=${FEED_RATE}, dwell ${DWELL_SEC} s, load ${loadavg().map(load => load.toFixed(2)).join(' ')}\n${before} → ${after}, on ${marks[0].counts.screen} → ${marks[1].counts.screen}`)
  else
    out(`\nheap diff of ${files.join(' → ')}`)
  out()
  const rows: string[][] = [
    ['snapshot, live self sizes (MB)', mb(firstLive), mb(secondLive), signed((secondLive - firstLive) / MB, 2)],
    ...CATEGORIES.map(category => [`  ${category} (MB)`, mb(firstCategories[category]), mb(secondCategories[category]), signed((secondCategories[category] - firstCategories[category]) / MB, 2)]),
    ['snapshot nodes', String(first.nodeCount), String(second.nodeCount), signed(second.nodeCount - first.nodeCount)],
  ]
  if (marks)
    rows.push(...countRows(...marks))
  out(table(['', before, after, 'change'], rows))
  if (marks)
    printCountChanges(...marks)

  const growth = compareClasses(firstClasses, secondClasses)
  out('\nclasses by self-size growth (retained: of the class\'s objects no other of the class holds):')
  out(table(['class', 'count', 'Δ count', 'self KB', 'Δ self KB', 'Δ retained KB'],
    growth.slice(0, TOP).map(row => [row.cls.slice(0, 60), String(row.count), signed(row.count - row.before.count), kb(row.self), signed((row.self - row.before.self) / KB, 1), signed((row.retained - row.before.retained) / KB, 1)])))

  const fresh = newObjects(firstIds, second)
  const freshBytes = fresh.reduce((sum, group) => sum + group.self, 0)
  out(`\nobjects alive at the ${after} that the ${before} did not have: ${fresh.reduce((sum, group) => sum + group.count, 0)}, ${mb(freshBytes)} MB (much of it is data replaced since, holding the same place):`)
  out(table(['class', 'count', 'self KB', 'path to one of them'],
    fresh.slice(0, TOP).map((group, i) => [group.cls.slice(0, 50), String(group.count), kb(group.self), i < 10 ? retainerPath(second, group.sample, reverse).slice(-220) : ''])))

  const holders = oldHolders(firstIds, second)
  out(`\nold objects holding the new JS data (each new object, code and Blink's left out, charged to its nearest dominator that the ${before} had):`)
  out(table(['holder', 'new objects', 'KB', 'path'],
    holders.slice(0, TOP).map((holder, i) => [holder.cls.slice(0, 40), String(holder.count), kb(holder.bytes), i < 12 ? retainerPath(second, holder.node, reverse).slice(-240) : ''])))

  const secondDetached = detachedByClass(second)
  const detachedRows = changed(Object.fromEntries(firstDetached), Object.fromEntries(secondDetached))
  const total = (counts: Map<string, number>): number => [...counts.values()].reduce((sum, n) => sum + n, 0)
  out(`\ndetached DOM in the snapshots: ${total(firstDetached)} → ${total(secondDetached)}`)
  if (detachedRows.length > 0)
    out(table(['class', 'before', 'after', 'change'], detachedRows.slice(0, TOP)))

  return writeResult('heap-diff-', startedAt, {
    startedAt: startedAt.toISOString(),
    settings: marks ? { width: WIDTH, height: HEIGHT, feedRate: FEED_RATE, dwellSec: DWELL_SEC, firstMin: FIRST_MIN, secondMin: SECOND_MIN, lookMs: LOOK_MS } : { files },
    load: loadavg(),
    marks: marks?.map(({ file: _file, ...mark }) => mark) ?? null,
    snapshots: { liveBytes: [firstLive, secondLive], nodes: [first.nodeCount, second.nodeCount], categories: [firstCategories, secondCategories] },
    classes: growth.slice(0, 60).map(row => ({ cls: row.cls, count: [row.before.count, row.count], self: [row.before.self, row.self], retained: [row.before.retained, row.retained] })),
    newObjects: fresh.slice(0, 60).map(group => ({ cls: group.cls, count: group.count, self: group.self })),
    holders: holders.slice(0, 30).map((holder, i) => ({ cls: holder.cls, count: holder.count, bytes: holder.bytes, path: i < 12 ? retainerPath(second, holder.node, reverse) : undefined })),
  })
}

async function main(): Promise<number> {
  const startedAt = new Date()
  const at = process.argv.indexOf('--compare')
  if (at >= 0) {
    const [first, second] = process.argv.slice(at + 1)
    if (!first || !second) {
      log('--compare needs two .heapsnapshot files')
      return 1
    }
    out(`\nwritten: ${compare([first, second], null, startedAt)}`)
    return 0
  }
  if (SECOND_MIN <= FIRST_MIN) {
    log(`HEAP_DIFF_SECOND_MIN (${SECOND_MIN}) must come after HEAP_DIFF_FIRST_MIN (${FIRST_MIN})`)
    return 1
  }
  const dir = mkdtempSync(join(tmpdir(), 'heap-diff-'))
  try {
    const [a, b] = await measure(dir)
    if (!a || !b)
      return 1
    out(`\nwritten: ${compare([a.file, b.file], [a, b], startedAt)}`)
    if (KEEP)
      out(`snapshots: ${a.file}, ${b.file}`)
  }
  finally {
    if (!KEEP)
      rmSync(dir, { recursive: true, force: true })
  }
  return 0
}

process.exitCode = await main()
