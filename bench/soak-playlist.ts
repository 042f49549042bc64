/**
 * The presenter's hour: `npx tsx bench/soak-playlist.ts` (after `npx vite build`) runs the wall's own
 * playlist over every registered page on a 7680×2160 wall fed at FEED_RATE=10, for SOAK_MINUTES
 * (default 60), SOAK_DWELL_SECONDS (default 20) per page, and checks that every panel stays live.
 *
 * The playlist is the server's, set and started over the control channel exactly as an operator's
 * terminal does, so the page switches come from the server's playlist clock, not from this script.
 * Every SAMPLE_MS the wall is read (lib/wall-probe.ts): the page on screen against the page the
 * server is on, the feed status, waiting and stale panels, errors, the visible text of the page,
 * and which topics arrived. Per visit: did the page's topics arrive while it was shown, and did
 * anything on screen move (its text between the first settled look and the last, or on the 3D
 * page a data redraw)? Every minute: JS heap after a forced GC, DOM counters, canvases, WebGL
 * contexts. A failed check is reported, never thrown: the exit code is 0 unless the run could not start.
 *
 * `npm run soak` (this file with `--day`) is a working day packed into two hours: every page at 5 s
 * (some three days of page visits at a 60 s dwell), FEED_RATE=40 (two thirds of a day's messages at
 * the default rate), memory every 5 minutes, and growth from minute 20 to the end held to 5 %.
 * `SOAK_MINUTES=20 npm run soak` is its quick check.
 * The run is written to bench/results/soak-<UTC date-time>.json (lib/results.ts).
 */
import { statSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { delay, ROOT, wallFeed } from '../e2e/harness.ts'
import { MAX_DWELL_SEC, MIN_DWELL_SEC, type WallState } from '#protocol'
import { findPage as findScreen } from '#protocol'
import { openControlledWall, type ControlledWall } from './lib/control.ts'
import { liveHeapBytes } from './lib/heap.ts'
import { formatTable, verdict, type Metric } from './lib/report.ts'
import { writeResult } from './lib/results.ts'
import { max, median } from './lib/stats.ts'
import { domCounters, readWallView, WALL_PROBE, type DomCounters, type WallView } from './lib/wall-probe.ts'

const WIDTH = 7680
const HEIGHT = 2160
/** `--day`: the accelerated working day of `npm run soak`; without it, the presenter's hour. */
const DAY = process.argv.includes('--day')
/** Feed messages a second: a day's worth in two hours with --day. SOAK_FEED_RATE overrides. */
const FEED_RATE = Number(process.env.SOAK_FEED_RATE ?? (DAY ? 40 : 10))
/** Minutes between two memory looks (heap after GC, DOM nodes, listeners, detached nodes). */
const MEMORY_EVERY_MIN = DAY ? 5 : 1
/**
 * Growth is counted from the first sixth of the run (minute 20 of 120), on a memory look: by then
 * every page has been made and visited many times. A 20-minute check counts from minute 5.
 */
function growthFromMinute(minutes: number): number {
  return Math.max(MEMORY_EVERY_MIN, Math.round(minutes / 6 / MEMORY_EVERY_MIN) * MEMORY_EVERY_MIN)
}
/** The day's budget for growth from GROWTH_FROM_MIN to the end. */
const DAY_GROWTH_BUDGET = 5
const SAMPLE_MS = 2_000
/** A visit is judged on looks at least this far apart; a shorter one (the run's last) is left out. */
const JUDGE_SPAN_MS = 4_000
/** The heap budget of bench/run.ts, applied to the same page from one cycle to the next. */
const HEAP_GROWTH_BUDGET = 10
const MB = 1024 * 1024

/** dist/ build time: the wall loads lazy chunks for an hour, so a rebuild meanwhile shows up as 404s. */
function builtAt(): number | null {
  try {
    return statSync(join(ROOT, 'dist', 'index.html')).mtimeMs
  }
  catch {
    return null
  }
}

const log = (line: string): void => {
  process.stderr.write(`[soak] ${line}\n`)
}

function readSettings(): { minutes: number, dwellSec: number } {
  const minutes = Number(process.env.SOAK_MINUTES ?? (DAY ? 120 : 60))
  const dwellSec = Number(process.env.SOAK_DWELL_SECONDS ?? (DAY ? 5 : 20))
  if (!Number.isFinite(FEED_RATE) || FEED_RATE <= 0)
    throw new Error(`SOAK_FEED_RATE=${process.env.SOAK_FEED_RATE}: messages a second, a positive number`)
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new Error(`SOAK_MINUTES=${process.env.SOAK_MINUTES}: a positive number of minutes`)
  // The server refuses any other dwell (badDwell): say so before starting anything.
  if (!Number.isInteger(dwellSec) || dwellSec < MIN_DWELL_SEC || dwellSec > MAX_DWELL_SEC)
    throw new Error(`SOAK_DWELL_SECONDS=${process.env.SOAK_DWELL_SECONDS}: whole seconds from ${MIN_DWELL_SEC} to ${MAX_DWELL_SEC}`)
  return { minutes, dwellSec }
}

/** One look at the wall, as kept in the results. */
interface Sample {
  /** ms since the playlist started */
  t: number
  /** the playlist item the server was on */
  index: number
  /** the page the server says the wall shows */
  expected: string
  /** the page root in the wall's DOM */
  screen: string | null
  running: boolean
  /** the feed store's status (window.__wall), else the badge's */
  status: string | null
  badge: string | null
  accepted: number | null
  waiting: string[]
  stale: string[]
  blackout: boolean
  local: boolean
  /** the page's text differs from the previous settled look at the same visit */
  textChanged: boolean | null
  /** errors logged since the previous look */
  errors: number
}

/** One playlist item as the wall showed it. */
interface Visit {
  index: number
  page: string
  /** when the server started the item, ms since the playlist started */
  t: number
  /** the page's root inserted, ms after the item started (0: it was already up) */
  shownAfterMs: number | null
  looks: number
  /** looks with this page's root on screen */
  onScreen: number
  /** looks on screen with no panel waiting: the ones the text is compared over */
  settled: number
  /** ms between the first and last settled look */
  spanMs: number
  /** settled looks whose text differed from the one before */
  textChanges: number
  /** first settled look against the last; null when the visit was too short to judge */
  textChanged: boolean | null
  /** lines of the last look not in the first (how many, and a few of them) */
  changedLines: number
  examples: string[]
  /** feed messages the wall accepted during the visit */
  messages: number | null
  /** the page's topics (registry) that got no frame between the first and last look on screen */
  topicsMissing: string[]
  /** data redraws of the 3D panel during the visit */
  redraws: number
  /** judged and nothing on screen moved: no text change, no 3D redraw */
  still: boolean | null
  waitingLooks: number
  staleLooks: number
  nonLiveLooks: number
  waitingPanels: string[]
  stalePanels: string[]
  errors: string[]
  /** the item ended before the run did */
  complete: boolean
}

/** What a visit needs while it runs, dropped from the results. */
interface VisitWork {
  visit: Visit
  key: string
  startedAt: number
  firstText: string | null
  firstAt: number
  lastText: string | null
  lastAt: number
  acceptedFirst: number | null
  acceptedLast: number | null
  redrawsFirst: number | null
  redrawsLast: number | null
  topicsFirst: Record<string, number> | null
  topicsLast: Record<string, number> | null
}

/** The once-a-minute (and once-a-cycle) memory look. */
interface MemorySample extends DomCounters {
  /** whole minute it stands for; null for the once-a-cycle look */
  minute: number | null
  /** ms since the playlist started */
  t: number
  page: string | null
  heapBytes: number
  canvases: number
  gl: WallView['gl']
}

function linesOf(text: string): string[] {
  return text.split('\n').map(line => line.trim()).filter(line => line !== '')
}

/** Lines of `after` that `before` does not have (as a multiset: a repeated line counts each time). */
function newLines(before: string, after: string): string[] {
  const left = new Map<string, number>()
  for (const line of linesOf(before))
    left.set(line, (left.get(line) ?? 0) + 1)
  const added: string[] = []
  for (const line of linesOf(after)) {
    const count = left.get(line) ?? 0
    if (count > 0)
      left.set(line, count - 1)
    else
      added.push(line)
  }
  return added
}

const fixed = (value: number | null | undefined, digits = 0): string => value === null || value === undefined ? '—' : value.toFixed(digits)
const messageOf = (error: unknown): string => error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)

/** A plain table with a header row, columns padded to their widest cell. */
function formatColumns(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => (row[column] ?? '').length)))
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  return [line(header), line(widths.map(width => '-'.repeat(width))), ...rows.map(line)].join('\n')
}

/** Where the wall's feed was not live: how many looks, and the longest stretch between two live looks. */
function nonLiveStretches(samples: readonly Sample[]): { looks: number, longestMs: number, statuses: string[] } {
  let looks = 0
  let longestMs = 0
  let lastLiveT = 0
  let out = false
  const statuses = new Set<string>()
  for (const sample of samples) {
    if (sample.status === 'live') {
      if (out)
        longestMs = Math.max(longestMs, sample.t - lastLiveT)
      out = false
      lastLiveT = sample.t
      continue
    }
    looks++
    statuses.add(sample.status ?? 'unknown')
    out = true
  }
  const last = samples[samples.length - 1]
  if (out && last)
    longestMs = Math.max(longestMs, last.t - lastLiveT)
  return { looks, longestMs, statuses: [...statuses] }
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const value of values)
    counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1]).map(([value, count]) => `${value} ×${count}`).join(', ')
}

async function main(): Promise<number> {
  let settings: { minutes: number, dwellSec: number }
  try {
    settings = readSettings()
  }
  catch (error) {
    log(messageOf(error))
    return 1
  }
  const { minutes, dwellSec } = settings
  const wholeMinutes = Math.floor(minutes)
  const startedAtIso = new Date().toISOString()
  const machineAtStart = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), load ${loadavg().map(load => load.toFixed(2)).join(' ')}`

  log(`opening a ${WIDTH}×${HEIGHT} wall, FEED_RATE=${FEED_RATE}`)
  let wall: ControlledWall
  try {
    wall = await openControlledWall({ width: WIDTH, height: HEIGHT, feedRate: FEED_RATE, initScripts: [WALL_PROBE] })
  }
  catch (error) {
    log(`the wall could not open: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
    return 1
  }

  let stopping: string | null = null
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping !== null)
      process.exit(130)
    stopping = `stopped early by ${signal}`
    log(`${signal}: finishing with what was sampled so far (again to quit at once)`)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const { page } = wall.wall
  const pages = wall.control.pages.map(entry => entry.id)
  const warnings: string[] = []
  const failedRequests: string[] = []
  const failure: { reason: string | null } = { reason: null }
  page.on('console', (message) => {
    if (message.type() === 'warning')
      warnings.push(message.text().slice(0, 200))
  })
  page.on('response', (response) => {
    if (response.status() >= 400)
      failedRequests.push(`${response.status()} ${new URL(response.url()).pathname}`)
  })
  page.on('requestfailed', (request) => {
    failedRequests.push(`${request.failure()?.errorText ?? 'failed'} ${new URL(request.url()).pathname}`)
  })
  page.on('crash', () => {
    failure.reason ??= 'the wall page crashed'
  })

  try {
    const builtAtStart = builtAt()
    const rotation = wall.control.state().rotate3d
    const items = pages.map(id => ({ page: id, dwellSec }))
    for (const command of [{ kind: 'setPlaylist', items } as const, { kind: 'playlistStart' } as const]) {
      const { answer } = await wall.control.command(command)
      if (answer.type === 'nack') {
        log(`${command.kind} refused: ${answer.code} ${answer.message}`)
        return 1
      }
    }
    const playlistStartedAt = Date.now()
    const endAt = playlistStartedAt + minutes * 60_000
    log(`playlist of ${pages.length} pages, ${dwellSec} s each, running for ${minutes} min; 3D rotation ${rotation ? 'on' : 'off'} (as the server has it)`)

    const samples: Sample[] = []
    const works: VisitWork[] = []
    const memory: MemorySample[] = []
    const mounts: { id: string, at: number }[] = []
    const cycleHeapTaken = new Set<string>()
    const errorsFrom = wall.wall.errors.length
    let errorsSeen = errorsFrom
    let lastView: WallView | null = null

    const since = (at: number): number => at - playlistStartedAt
    async function view(): Promise<WallView> {
      const seen = await readWallView(page)
      mounts.push(...seen.mounts)
      lastView = seen
      return seen
    }

    async function memorySample(minute: number | null): Promise<void> {
      const heapBytes = await liveHeapBytes(page)
      const counters = await domCounters(page)
      const seen = await view()
      const onScreen = seen.screens[0] ?? null
      memory.push({ minute, t: since(Date.now()), page: onScreen, heapBytes, ...counters, canvases: seen.canvases, gl: seen.gl })
      log(`${minute === null ? 'cycle' : `minute ${minute}`} on ${onScreen ?? '?'}: heap ${(heapBytes / MB).toFixed(1)} MB, ${counters.nodes} nodes, ${seen.canvases} canvases, WebGL ${seen.gl.attached} + ${seen.gl.detached} detached`)
    }

    function workFor(state: WallState): VisitWork {
      const playlist = state.playlist
      const key = `${playlist.index}@${playlist.itemStartedAt ?? 'held'}`
      const current = works[works.length - 1]
      if (current?.key === key)
        return current
      if (current)
        current.visit.complete = true
      const startedAt = playlist.itemStartedAt ?? Date.now()
      const work: VisitWork = {
        visit: {
          index: playlist.index,
          page: state.page,
          t: since(startedAt),
          shownAfterMs: null,
          looks: 0,
          onScreen: 0,
          settled: 0,
          spanMs: 0,
          textChanges: 0,
          textChanged: null,
          changedLines: 0,
          examples: [],
          messages: null,
          topicsMissing: [],
          redraws: 0,
          still: null,
          waitingLooks: 0,
          staleLooks: 0,
          nonLiveLooks: 0,
          waitingPanels: [],
          stalePanels: [],
          errors: [],
          complete: false,
        },
        key,
        startedAt,
        firstText: null,
        firstAt: 0,
        lastText: null,
        lastAt: 0,
        acceptedFirst: null,
        acceptedLast: null,
        redrawsFirst: null,
        redrawsLast: null,
        topicsFirst: null,
        topicsLast: null,
      }
      works.push(work)
      return work
    }

    async function look(): Promise<void> {
      const state = wall.control.state()
      const seen = await view()
      const feed = await wallFeed(page)
      const work = workFor(state)
      const visit = work.visit
      const screen = seen.screens[0] ?? null
      const status = feed.status ?? seen.badge
      const newErrors = wall.wall.errors.slice(errorsSeen)
      errorsSeen = wall.wall.errors.length
      visit.looks++
      visit.errors.push(...newErrors)
      if (status !== 'live')
        visit.nonLiveLooks++
      let textChanged: boolean | null = null
      if (screen === visit.page) {
        visit.onScreen++
        work.acceptedFirst ??= feed.messagesAccepted
        work.acceptedLast = feed.messagesAccepted
        work.redrawsFirst ??= seen.redraws
        work.redrawsLast = seen.redraws
        work.topicsFirst ??= seen.topics
        work.topicsLast = seen.topics
        if (seen.waiting.length > 0) {
          visit.waitingLooks++
          visit.waitingPanels = [...new Set([...visit.waitingPanels, ...seen.waiting])]
        }
        if (seen.stale.length > 0) {
          visit.staleLooks++
          visit.stalePanels = [...new Set([...visit.stalePanels, ...seen.stale])]
        }
        // A panel going from its waiting state to data is not a value moving: compare settled looks only.
        if (seen.waiting.length === 0) {
          visit.settled++
          if (work.firstText === null) {
            work.firstText = seen.text
            work.firstAt = seen.at
          }
          else {
            textChanged = seen.text !== work.lastText
            if (textChanged)
              visit.textChanges++
          }
          work.lastText = seen.text
          work.lastAt = seen.at
        }
      }
      samples.push({
        t: since(seen.at),
        index: state.playlist.index,
        expected: state.page,
        screen,
        running: state.playlist.running,
        status,
        badge: seen.badge,
        accepted: feed.messagesAccepted,
        waiting: seen.waiting,
        stale: seen.stale,
        blackout: seen.blackout,
        local: seen.local,
        textChanged,
        errors: newErrors.length,
      })
      // Once a cycle, halfway through the first item: the heap on the same page each time, which the
      // minute marks (on whatever page happens to be up) cannot give.
      if (state.playlist.index === 0 && screen === visit.page && !cycleHeapTaken.has(work.key)
        && Date.now() - work.startedAt >= dwellSec * 500) {
        cycleHeapTaken.add(work.key)
        await memorySample(null)
      }
    }

    // Looks fall halfway between two item changes (the playlist changes page on whole dwells), so a
    // look never races a switch; minute marks come half a dwell early for the same reason.
    let nextLookAt = playlistStartedAt + SAMPLE_MS / 2
    const minuteMark = (minute: number): number => playlistStartedAt + minute * 60_000 - dwellSec * 500
    let nextMinute = 1
    let lastProgress = playlistStartedAt
    while (stopping === null && failure.reason === null && Date.now() < endAt) {
      const now = Date.now()
      try {
        if (nextMinute <= wholeMinutes && now >= minuteMark(nextMinute)) {
          await memorySample(nextMinute)
          nextMinute = nextMinute < MEMORY_EVERY_MIN ? MEMORY_EVERY_MIN : nextMinute + MEMORY_EVERY_MIN
          continue
        }
        if (now >= nextLookAt) {
          await look()
          while (nextLookAt <= Date.now())
            nextLookAt += SAMPLE_MS
          if (now - lastProgress >= 60_000) {
            lastProgress = now
            const visited = new Set(works.filter(work => work.visit.onScreen > 0).map(work => work.visit.page))
            log(`${fixed(since(now) / 60_000, 1)} / ${minutes} min: ${works.length} visits, ${visited.size}/${pages.length} pages seen`)
          }
          continue
        }
      }
      catch (error) {
        failure.reason ??= `sampling failed: ${messageOf(error)}`
        break
      }
      const next = Math.min(nextLookAt, nextMinute <= wholeMinutes ? minuteMark(nextMinute) : endAt, endAt)
      await delay(Math.max(10, next - Date.now()))
    }
    if (stopping === null && failure.reason === null) {
      try {
        await look()
      }
      catch (error) {
        failure.reason ??= `sampling failed: ${messageOf(error)}`
      }
    }
    const finishedAt = Date.now()
    const stateAtEnd = wall.control.state()
    const rebuilt = builtAt() !== builtAtStart

    // --- judge the visits ---------------------------------------------------------------
    for (const work of works) {
      const visit = work.visit
      visit.spanMs = work.lastAt - work.firstAt
      if (work.acceptedFirst !== null && work.acceptedLast !== null)
        visit.messages = work.acceptedLast - work.acceptedFirst
      visit.redraws = (work.redrawsLast ?? 0) - (work.redrawsFirst ?? 0)
      const mounted = mounts.find(mount => mount.id === visit.page && mount.at >= work.startedAt - 1000)
      // No mount and on screen from the first look: the page was already up when its item began.
      visit.shownAfterMs = mounted ? Math.max(0, mounted.at - work.startedAt) : visit.onScreen > 0 && visit.onScreen === visit.looks ? 0 : null
      if (work.firstText !== null && work.lastText !== null && visit.spanMs >= JUDGE_SPAN_MS) {
        const added = newLines(work.firstText, work.lastText)
        visit.textChanged = work.firstText !== work.lastText
        visit.changedLines = added.length
        visit.examples = added.slice(0, 3).map(line => line.slice(0, 60))
        visit.still = !visit.textChanged && visit.redraws === 0
        const first = work.topicsFirst ?? {}
        const last = work.topicsLast ?? {}
        visit.topicsMissing = (findScreen(visit.page)?.topics ?? []).filter(topic => (last[topic] ?? 0) <= (first[topic] ?? 0))
      }
    }
    const visits = works.map(work => work.visit)
    const shown = visits.filter(visit => visit.onScreen > 0)
    const judged = visits.filter(visit => visit.still !== null)
    // An item that ended without its page ever on screen: the wall missed it.
    const missed = visits.filter(visit => visit.complete && visit.onScreen === 0)
    const still = judged.filter(visit => visit.still)
    const textSame = judged.filter(visit => visit.textChanged === false)
    const noData = judged.filter(visit => visit.topicsMissing.length > 0)
    const visitedPages = new Set(shown.map(visit => visit.page))
    const neverShown = pages.filter(id => !visitedPages.has(id))
    const offPage = samples.filter(sample => sample.screen !== sample.expected)
    const outOfPlaylist = samples.filter(sample => !sample.running || sample.blackout || sample.local)
    const nonLive = nonLiveStretches(samples)
    const waitingLooks = samples.filter(sample => sample.waiting.length > 0)
    const staleLooks = samples.filter(sample => sample.stale.length > 0)
    const errors = wall.wall.errors.slice(errorsFrom)
    const shownAfter = shown.flatMap(visit => visit.shownAfterMs === null ? [] : [visit.shownAfterMs])
    const slowest = shown.reduce<Visit | null>((worst, visit) => (visit.shownAfterMs ?? -1) > (worst?.shownAfterMs ?? -1) ? visit : worst, null)
    const slowestAfter = slowest ? visits[visits.indexOf(slowest) - 1]?.page : undefined
    const comparedLooks = samples.filter(sample => sample.textChanged !== null)

    // The same page's text at its first judged look and at its last: slow figures move over the run.
    const movedOverRun = new Map<string, boolean>()
    for (const pageId of pages) {
      const mine = works.filter(work => work.visit.page === pageId && work.firstText !== null && work.lastText !== null)
      const first = mine[0]
      const last = mine[mine.length - 1]
      if (first && last && last !== first)
        movedOverRun.set(pageId, first.firstText !== last.lastText || mine.some(work => work.visit.redraws > 0))
    }

    const minuteSamples = memory.filter(sample => sample.minute !== null)
    const lastMinute = minuteSamples[minuteSamples.length - 1]?.minute ?? 0
    const middleMinute = Math.max(1, Math.round(lastMinute / 2))
    const atMinute = (minute: number): MemorySample | undefined => minuteSamples.find(sample => sample.minute === minute)
    const firstMemory = atMinute(1)
    const middleMemory = atMinute(middleMinute)
    const lastMemory = atMinute(lastMinute)
    // Cycle 1 is cold (the other pages' code and first-visit caches still loading): growth counts from cycle 2.
    const cycles = memory.filter(sample => sample.minute === null)
    const cycleBase = cycles.length > 2 ? cycles[1] : cycles[0]
    const cycleLast = cycles[cycles.length - 1]

    // --- the tables ----------------------------------------------------------------------
    const id = 'soak'
    const pagesNote = (list: readonly Visit[]): string => list.length === 0 ? 'none' : countBy(list.map(visit => visit.page))
    const heapRow = (sample: MemorySample | undefined, minute: number): Metric => ({
      scenario: id,
      name: `JS heap after ${minute} min`,
      value: sample ? sample.heapBytes / MB : null,
      unit: 'MB',
      note: sample ? `after forced GC, on ${sample.page ?? '?'}` : 'not sampled',
    })
    const metrics: Metric[] = [
      {
        scenario: id,
        name: 'run',
        value: (finishedAt - playlistStartedAt) / 60_000,
        unit: 'min',
        note: `${pages.length} pages × ${dwellSec} s, FEED_RATE=${FEED_RATE}, ${WIDTH}×${HEIGHT}; 3D rotation ${rotation ? 'on' : 'off'}${stopping ? `; ${stopping}` : ''}${failure.reason ? `; ${failure.reason}` : ''}${rebuilt ? '; dist/ was rebuilt during the run: requests for the old chunks fail' : ''}`,
      },
      { scenario: id, name: 'pages never on screen', value: neverShown.length, unit: '', budget: 0, note: neverShown.length > 0 ? neverShown.join(', ') : `all ${pages.length} shown` },
      { scenario: id, name: 'visits (playlist items)', value: visits.length, unit: '', note: `${shown.length} on screen, ${judged.length} judged (looks ≥ ${JUDGE_SPAN_MS / 1000} s apart)` },
      { scenario: id, name: 'visits the wall missed', value: missed.length, unit: '', budget: 0, note: missed.length > 0 ? pagesNote(missed) : 'none: every item ended with its page shown' },
      { scenario: id, name: 'visits without fresh data', value: noData.length, unit: '', budget: 0, note: noData.length > 0 ? countBy(noData.flatMap(visit => visit.topicsMissing.map(topic => `${visit.page}/${topic}`))) : 'every topic of the page arrived during each visit' },
      { scenario: id, name: 'visits with nothing moving', value: still.length, unit: '', budget: 0, note: `text same at first and last look, no 3D redraw: ${pagesNote(still)}` },
      { scenario: id, name: 'visits with text unchanged', value: textSame.length, unit: '', note: pagesNote(textSame) },
      {
        scenario: id,
        name: 'page on screen after advance, worst',
        value: max(shownAfter),
        unit: 'ms',
        note: `${slowest ? `${slowest.page}${slowestAfter ? ` after ${slowestAfter}` : ''}; ` : ''}median ${fixed(median(shownAfter))} ms; looks off the server's page ${offPage.length}/${samples.length}`,
      },
      { scenario: id, name: 'looks with the feed not live', value: nonLive.looks, unit: '', budget: 0, note: nonLive.looks > 0 ? `${nonLive.statuses.join(', ')} of ${samples.length} looks` : `live in all ${samples.length} looks` },
      { scenario: id, name: 'longest stretch not live', value: nonLive.longestMs / 1000, unit: 's', note: 'between the live looks around it' },
      { scenario: id, name: 'looks with a waiting panel', value: waitingLooks.length, unit: '', budget: 0, note: waitingLooks.length > 0 ? countBy(waitingLooks.flatMap(sample => sample.waiting.map(panel => `${sample.screen}/${panel}`))) : 'none' },
      { scenario: id, name: 'looks with a stale mark', value: staleLooks.length, unit: '', budget: 0, note: staleLooks.length > 0 ? countBy(staleLooks.flatMap(sample => sample.stale.map(panel => `${sample.screen}/${panel}`))) : 'none' },
      { scenario: id, name: 'console and page errors', value: errors.length, unit: '', budget: 0, note: errors.length > 0 ? errors.slice(0, 2).join(' | ').slice(0, 200) : 'none' },
      { scenario: id, name: 'failed requests', value: failedRequests.length, unit: '', budget: 0, note: failedRequests.length > 0 ? countBy(failedRequests).slice(0, 200) : 'none' },
      { scenario: id, name: 'console warnings', value: warnings.length, unit: '', note: warnings.length > 0 ? countBy(warnings.map(text => text.slice(0, 60))).slice(0, 200) : 'none' },
      {
        scenario: id,
        name: 'feed rejections',
        value: (lastView as WallView | null)?.rejections ?? null,
        unit: '',
        budget: 0,
        note: `${comparedLooks.filter(sample => sample.textChanged).length}/${comparedLooks.length} looks saw the page's text move since the look before`,
      },
      ...outOfPlaylist.length > 0
        ? [{ scenario: id, name: 'looks off the playlist', value: outOfPlaylist.length, unit: '', budget: 0, note: 'paused, blackout or local override' }]
        : [],
      heapRow(firstMemory, 1),
      ...lastMinute > 2 ? [heapRow(middleMemory, middleMinute)] : [],
      ...lastMinute > 1 ? [heapRow(lastMemory, lastMinute)] : [],
      {
        scenario: id,
        name: `heap growth 1→${lastMinute} min`,
        value: firstMemory && lastMemory && lastMinute > 1 ? (lastMemory.heapBytes - firstMemory.heapBytes) / firstMemory.heapBytes * 100 : null,
        unit: '%',
        note: lastMinute < 2 ? 'needs SOAK_MINUTES ≥ 2' : firstMemory?.page === lastMemory?.page ? 'same page at both' : 'different pages at the two marks: the cycle row compares like with like',
      },
      {
        scenario: id,
        name: `heap growth on ${cycleBase?.page ?? 'the first page'}, cycle ${cycleBase === cycles[1] ? 2 : 1}→${cycles.length}`,
        value: cycleBase && cycleLast && cycleLast !== cycleBase ? (cycleLast.heapBytes - cycleBase.heapBytes) / cycleBase.heapBytes * 100 : null,
        unit: '%',
        // Against the cold cycle 1 the figure is mostly warm-up: shown, but not held to the budget.
        ...cycleBase === cycles[1] ? { budget: HEAP_GROWTH_BUDGET } : {},
        note: cycleBase && cycleLast && cycleLast !== cycleBase
          ? `${cycles.map(sample => fixed(sample.heapBytes / MB, 1)).join(' → ')} MB, halfway through the first item of each cycle${cycleBase === cycles[0] ? ' (cycle 1 is cold: three cycles or more to judge)' : ''}`
          : 'needs two cycles of the playlist',
      },
    ]
    if (firstMemory && lastMemory) {
      metrics.push(
        { scenario: id, name: 'DOM nodes (renderer, after GC)', value: lastMemory.nodes, unit: '', note: `minute 1: ${firstMemory.nodes}; elements in the document ${firstMemory.elements} → ${lastMemory.elements}` },
        { scenario: id, name: 'JS event listeners', value: lastMemory.jsEventListeners, unit: '', note: `minute 1: ${firstMemory.jsEventListeners}` },
        { scenario: id, name: 'canvases in the document', value: lastMemory.canvases, unit: '', note: `minute 1: ${firstMemory.canvases}` },
        {
          scenario: id,
          name: 'WebGL contexts kept',
          value: lastMemory.gl.attached + lastMemory.gl.detached,
          unit: '',
          note: `after GC at minute ${lastMinute}: ${lastMemory.gl.attached} in the document, ${lastMemory.gl.detached} detached; ${lastMemory.gl.created} made, ${lastMemory.gl.lost} lost in all`,
        },
      )
    }
    // From the first sixth of the run to the last look: what a day on the wall would keep adding.
    const GROWTH_FROM_MIN = growthFromMinute(minutes)
    const growthBase = atMinute(GROWTH_FROM_MIN)
    if (growthBase && lastMemory && lastMinute > GROWTH_FROM_MIN) {
      const growth = (key: 'heapBytes' | 'nodes' | 'jsEventListeners' | 'detached'): number | null =>
        growthBase[key] > 0 ? (lastMemory[key] - growthBase[key]) / growthBase[key] * 100 : null
      const series = (key: 'heapBytes' | 'nodes' | 'jsEventListeners' | 'detached', scale = 1): string =>
        minuteSamples.filter(sample => (sample.minute ?? 0) >= GROWTH_FROM_MIN).map(sample => fixed(sample[key] / scale, scale === 1 ? 0 : 1)).join(' → ')
      metrics.push(
        { scenario: id, name: `heap growth ${GROWTH_FROM_MIN}→${lastMinute} min`, value: growth('heapBytes'), unit: '%', budget: DAY_GROWTH_BUDGET, note: `${series('heapBytes', MB)} MB, after forced GC, every ${MEMORY_EVERY_MIN} min` },
        { scenario: id, name: `DOM nodes growth ${GROWTH_FROM_MIN}→${lastMinute} min`, value: growth('nodes'), unit: '%', budget: DAY_GROWTH_BUDGET, note: series('nodes') },
        { scenario: id, name: `JS event listeners growth ${GROWTH_FROM_MIN}→${lastMinute} min`, value: growth('jsEventListeners'), unit: '%', budget: DAY_GROWTH_BUDGET, note: series('jsEventListeners') },
        { scenario: id, name: `detached nodes, minute ${GROWTH_FROM_MIN} → ${lastMinute}`, value: lastMemory.detached, unit: '', note: `${series('detached')} (renderer nodes − nodes in the document, after GC)` },
      )
    }
    if (cycles.length > 1) {
      const cycleNodes = cycles.map(sample => sample.nodes)
      metrics.push({ scenario: id, name: `DOM nodes on ${cycles[0]?.page ?? '?'}, per cycle`, value: cycleNodes[cycleNodes.length - 1] ?? null, unit: '', note: cycleNodes.join(' → ') })
    }

    const perPage = pages.map((pageId) => {
      const mine = visits.filter(visit => visit.page === pageId)
      const judgedHere = mine.filter(visit => visit.still !== null)
      const messages = mine.flatMap(visit => visit.messages === null ? [] : [visit.messages])
      const after = mine.flatMap(visit => visit.shownAfterMs === null ? [] : [visit.shownAfterMs])
      const moved = movedOverRun.get(pageId)
      return [
        pageId,
        String(mine.filter(visit => visit.onScreen > 0).length),
        String(judgedHere.length),
        String(judgedHere.filter(visit => visit.topicsMissing.length > 0).length),
        String(judgedHere.filter(visit => visit.textChanged === false).length),
        String(judgedHere.filter(visit => visit.still).length),
        moved === undefined ? '—' : moved ? 'yes' : 'NO',
        fixed(median(messages)),
        fixed(max(after)),
        String(mine.reduce((sum, visit) => sum + visit.waitingLooks, 0)),
        String(mine.reduce((sum, visit) => sum + visit.staleLooks, 0)),
        String(mine.reduce((sum, visit) => sum + visit.nonLiveLooks, 0)),
        String(mine.reduce((sum, visit) => sum + visit.errors.length, 0)),
      ]
    })
    const pageTable = formatColumns(
      ['page', 'visits', 'judged', 'no fresh data', 'text same', 'nothing moving', 'moved over run', 'messages/visit', 'shown after (ms, max)', 'waiting looks', 'stale looks', 'not-live looks', 'errors'],
      perPage,
    )

    const machine = `${machineAtStart}; at the end ${loadavg().map(load => load.toFixed(2)).join(' ')}`
    process.stdout.write(`\nCommand Wall playlist soak${DAY ? ' (a working day)' : ''} — ${startedAtIso} — SOAK_MINUTES=${minutes} SOAK_DWELL_SECONDS=${dwellSec} FEED_RATE=${FEED_RATE}\n${machine}\n\n`)
    process.stdout.write(`${formatTable(metrics)}\n\n${pageTable}\n`)

    const file = writeResult('soak-', new Date(startedAtIso), {
      startedAt: startedAtIso,
      finishedAt: new Date(finishedAt).toISOString(),
      settings: { day: DAY, minutes, dwellSec, feedRate: FEED_RATE, memoryEveryMin: MEMORY_EVERY_MIN, growthFromMin: growthFromMinute(minutes), width: WIDTH, height: HEIGHT, sampleMs: SAMPLE_MS, judgeSpanMs: JUDGE_SPAN_MS },
      machine,
      node: process.version,
      pages,
      rotation3d: rotation,
      stoppedEarly: stopping,
      failure: failure.reason,
      metrics: metrics.map(metric => ({ ...metric, verdict: verdict(metric) || undefined })),
      perPage: perPage.map(([pageId, visitCount, judgedCount, noFresh, same, nothing, moved]) =>
        ({ page: pageId, visits: Number(visitCount), judged: Number(judgedCount), noFreshData: Number(noFresh), textSame: Number(same), nothingMoving: Number(nothing), movedOverRun: moved })),
      visits,
      memory,
      mounts: mounts.map(mount => ({ id: mount.id, t: since(mount.at) })),
      samples,
      errors,
      failedRequests,
      distRebuilt: rebuilt,
      warnings,
      wallStateAtEnd: stateAtEnd,
    })
    process.stdout.write(`\nwritten: ${file}\n`)
    return 0
  }
  finally {
    await wall.close()
  }
}

process.exitCode = await main()
