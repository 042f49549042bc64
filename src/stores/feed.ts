/**
 * The feed as the wall sees it: the latest payload of every topic, when it arrived, how old it is,
 * the connection status, the hub's word on its upstream, and what was rejected. The store drives a
 * DataSource; it never touches a socket itself.
 *
 * Age is the data's own: a topic is as old as its payload's `asOf` (the frame's `ts` for a topic
 * without one), measured on the server's clock. The wall's clock may be off by minutes; every
 * frame's `ts` says what the server's clock read when it was sent, so the wall keeps the difference
 * and ages the data by `now + offset − asOf`. A snapshot re-sends what the hub last had with its old
 * `asOf`, so a reconnect or a reload never makes old data look new.
 *
 * Hot path: every accepted message replaces one shallow object (no deep watchers, no cloning of
 * payloads), so a patch costs a spread of a handful of keys plus the screens that read that topic.
 */
import { useIntervalFn } from '@vueuse/core'
import { defineStore } from 'pinia'
import * as v from 'valibot'
import { computed, markRaw, reactive, ref, shallowRef } from 'vue'
import { wallConfig } from '~/config'
import { createDataSource } from '~/datasource'
import type { ConnectionStatus, DataSource } from '~/datasource/types'
import { ageMs, isStale as isStaleAge } from '~/logic/staleness'
import { type CoalescedBatch, createCoalescer, type FrameScheduler } from './coalesce'
import {
  PROTOCOL_VERSION,
  wallStatusSchema,
  type ClientMessage,
  type RejectReason,
  type Rejection,
  type ServerMessage,
  type SourceInfo,
  type Topic,
  type TopicPayloads,
  type UpstreamStatus,
  type WallStatus,
} from '~/protocol'

/** How many rejections the diagnostics overlay can list. */
export const RECENT_REJECTIONS = 50
/** How often a live wall tells the server what it shows. */
export const STATUS_REPORT_MS = 5000
/** A new wall size is reported this long after the first change of a burst (a window being dragged). */
export const VIEW_REPORT_DELAY_MS = 500
export const CLOCK_TICK_MS = 1000

/** The wall's profile and viewport, reported to the operator with every status message. */
export interface WallView {
  profile: string
  width: number
  height: number
}

/** Rejection counters for the diagnostics overlay. */
export interface RejectionStats {
  total: number
  byReason: Partial<Record<RejectReason, number>>
  /** newest first, at most RECENT_REJECTIONS */
  recent: Rejection[]
}

/**
 * The time a payload is of, on the server's clock: its `asOf`, or else the frame's `ts`. A source
 * on a demo clock stamps `asOf` in its simulated time; its `clockOffsetMs` (simulated − real) brings
 * that back to the server's clock. Data is never newer than the frame that brought it: an `asOf`
 * ahead of `ts` (a source whose clock runs ahead of the server's) counts as `ts`, so that such data
 * still ages from the moment it came.
 */
function dataTime(payload: unknown, ts: number, clockOffsetMs = 0): number {
  const asOf = typeof payload === 'object' && payload !== null && 'asOf' in payload ? payload.asOf : undefined
  return typeof asOf === 'number' ? Math.min(asOf - clockOffsetMs, ts) : ts
}

function sameUpstream(a: UpstreamStatus | null, b: UpstreamStatus): boolean {
  if (a === null || a.kind !== b.kind || a.state !== b.state || a.since !== b.since || a.reason !== b.reason)
    return false
  const keys = Object.keys(b.rejected)
  return keys.length === Object.keys(a.rejected).length && keys.every(key => a.rejected[key] === b.rejected[key])
}

function sameSource(a: SourceInfo | null, b: SourceInfo): boolean {
  return a !== null && a.name === b.name && a.simulated === b.simulated && a.heartbeatMs === b.heartbeatMs
    && a.clockOffsetMs === b.clockOffsetMs
}

export const useFeedStore = defineStore('feed', () => {
  const latest = shallowRef<Partial<TopicPayloads>>({})
  const receivedAt = shallowRef<Partial<Record<Topic, number>>>({})
  /** server-clock ms each topic's data is of (its `asOf`); ages are counted from here */
  const dataAsOf = shallowRef<Partial<Record<Topic, number>>>({})
  /** the hub's word on its upstream, from the newest snapshot or heartbeat that carried it */
  const upstream = shallowRef<UpstreamStatus | null>(null)
  /** connected to the hub, but the hub's own source has gone quiet or reported a fault */
  const upstreamStale = computed(() => upstream.value?.state === 'stale')
  const status = ref<ConnectionStatus>('connecting')
  const source = shallowRef<SourceInfo | null>(null)
  const now = ref(Date.now())
  /**
   * The wall clock to the minute, for what changes by the day or the minute (the battle plan's
   * today marker and days left): a panel given it renders once a minute, not on every tick of `now`.
   */
  const minute = computed(() => Math.floor(now.value / 60_000) * 60_000)
  const lastMessageAt = ref<number | null>(null)
  const staleAfterMs = wallConfig().staleAfterMs
  const rejections = reactive<RejectionStats>({ total: 0, byReason: {}, recent: [] })
  const messagesAccepted = ref(0)

  // Server clock minus this wall's clock (network delay included): playlist progress follows the server.
  // Plain variable: read when a clock ticks, so it needs no reactivity of its own.
  let offsetMs = 0
  let page: string | null = null
  let view: WallView = { profile: '', width: 0, height: 0 }
  let viewReport: ReturnType<typeof setTimeout> | null = null
  let dataSource: DataSource | null = null
  let unsubscribe: (() => void)[] = []
  // Patches within one frame are applied once (./coalesce.ts); without a scheduler, at once.
  let patches = createCoalescer<Topic, unknown>(applyPatches, null)

  // The `asOf` of each queued patch, applied with it: a stale mark changes with the figures it marks.
  let queuedAsOf: Partial<Record<Topic, number>> = {}

  function applyPatches({ values, stamps }: CoalescedBatch<Topic, unknown>): void {
    latest.value = { ...latest.value, ...values } as Partial<TopicPayloads>
    receivedAt.value = { ...receivedAt.value, ...stamps }
    dataAsOf.value = { ...dataAsOf.value, ...queuedAsOf }
    queuedAsOf = {}
  }

  /** ms between the data's `asOf` and now, on the server's clock; null when never received. */
  function ageOf(topic: Topic): number | null {
    return ageMs(dataAsOf.value[topic], now.value + offsetMs)
  }

  function isStale(topic: Topic): boolean {
    const age = ageOf(topic)
    // Never arrived: still loading while we try, but stale once the feed is clearly gone.
    if (age === null)
      return status.value === 'offline'
    // The hub says its source is stalled: nothing it has is current, however young it looks.
    return upstreamStale.value || isStaleAge(age, staleAfterMs)
  }

  function newestAge(at: number): number | null {
    let newest: number | undefined
    for (const asOf of Object.values(dataAsOf.value)) {
      if (newest === undefined || asOf > newest)
        newest = asOf
    }
    return ageMs(newest, at + offsetMs)
  }

  const newestDataAgeMs = computed<number | null>(() => newestAge(now.value))

  function onMessage(message: ServerMessage): void {
    const at = Date.now()
    lastMessageAt.value = at
    offsetMs = message.ts - at
    messagesAccepted.value++
    if (message.type === 'snapshot') {
      patches.flush()
      // Topics the snapshot lacks (or had rejected) keep their last good value.
      const topics = Object.keys(message.topics) as Topic[]
      if (topics.length > 0) {
        latest.value = { ...latest.value, ...message.topics }
        const stamps = { ...receivedAt.value }
        const asOf = { ...dataAsOf.value }
        for (const topic of topics) {
          stamps[topic] = at
          asOf[topic] = dataTime(message.topics[topic], message.ts, message.source.clockOffsetMs)
        }
        receivedAt.value = stamps
        dataAsOf.value = asOf
      }
      if (!sameSource(source.value, message.source))
        source.value = message.source
      onUpstream(message.upstream)
    }
    else if (message.type === 'patch') {
      queuedAsOf[message.topic] = dataTime(message.data, message.ts, source.value?.clockOffsetMs)
      patches.push(message.topic, message.data, at)
    }
    else if (message.type === 'heartbeat') {
      onUpstream(message.upstream)
    }
  }

  function onUpstream(next: UpstreamStatus | undefined): void {
    if (next && !sameUpstream(upstream.value, next)) {
      upstream.value = next
      // The stale marks change now, not at the next tick of the clock.
      now.value = Date.now()
    }
  }

  function onRejected(rejection: Rejection): void {
    rejections.total++
    rejections.byReason[rejection.reason] = (rejections.byReason[rejection.reason] ?? 0) + 1
    rejections.recent.unshift(markRaw(rejection))
    if (rejections.recent.length > RECENT_REJECTIONS)
      rejections.recent.length = RECENT_REJECTIONS
  }

  function send(message: ClientMessage): boolean {
    return dataSource?.send(message) ?? false
  }

  function reportStatus(): void {
    if (status.value !== 'live' || page === null)
      return
    // this report carries the view: a view report still to come has nothing left to tell
    if (viewReport !== null) {
      clearTimeout(viewReport)
      viewReport = null
    }
    const age = newestAge(Date.now())
    const data: WallStatus = {
      page,
      dataAgeMs: age === null ? null : Math.round(age),
      profile: view.profile,
      width: Math.round(view.width),
      height: Math.round(view.height),
    }
    // The server closes a connection that sends an invalid message; better to skip one report.
    if (v.safeParse(wallStatusSchema, data).success)
      send({ v: PROTOCOL_VERSION, type: 'status', data })
  }

  function onStatus(next: ConnectionStatus): void {
    status.value = next
    if (next === 'live')
      reportStatus()
  }

  const clock = useIntervalFn(() => {
    now.value = Date.now()
  }, CLOCK_TICK_MS, { immediate: false })
  const reporter = useIntervalFn(reportStatus, STATUS_REPORT_MS, { immediate: false })

  /**
   * Connect to `given`, or to the DataSource config/wall.json names. A second call does nothing.
   * `frames` coalesces patches per frame (the wall passes animation frames); without it each applies at once.
   */
  function start(given?: DataSource, options: { frames?: FrameScheduler } = {}): void {
    if (dataSource)
      return
    patches = createCoalescer<Topic, unknown>(applyPatches, options.frames ?? null, topic => topic === 'wall.state')
    const ds = given ?? createDataSource()
    dataSource = ds
    unsubscribe = [ds.on('message', onMessage), ds.on('rejected', onRejected), ds.on('status', onStatus)]
    status.value = ds.status
    now.value = Date.now()
    clock.resume()
    reporter.resume()
    ds.connect()
  }

  /** Close the DataSource and stop the clocks; the last values stay on screen. */
  function stop(): void {
    clock.pause()
    reporter.pause()
    patches.flush()
    if (viewReport !== null)
      clearTimeout(viewReport)
    viewReport = null
    for (const off of unsubscribe)
      off()
    unsubscribe = []
    dataSource?.close()
    dataSource = null
    status.value = 'offline'
  }

  /** The page on screen now, for the status report. */
  function reportPage(pageId: string): void {
    const changed = pageId !== page
    page = pageId
    // Tell the operator at once rather than up to 5 s later.
    if (changed)
      reportStatus()
  }

  /**
   * The wall's profile and viewport, for the status report. A new size is told soon, not 5 s later,
   * but once for a burst: a window dragged to a new size reports every frame, and the server cuts a
   * client that sends too many messages a second.
   */
  function reportView(next: WallView): void {
    const changed = next.profile !== view.profile || Math.round(next.width) !== Math.round(view.width) || Math.round(next.height) !== Math.round(view.height)
    view = { ...next }
    if (changed && viewReport === null) {
      viewReport = setTimeout(() => {
        viewReport = null
        reportStatus()
      }, VIEW_REPORT_DELAY_MS)
    }
  }

  return {
    latest,
    receivedAt,
    dataAsOf,
    upstream,
    upstreamStale,
    status,
    source,
    now,
    minute,
    lastMessageAt,
    staleAfterMs,
    ageOf,
    isStale,
    newestDataAgeMs,
    rejections,
    messagesAccepted,
    start,
    stop,
    send,
    reportPage,
    reportView,
    /** server clock minus wall clock, ms, from the newest frame's `ts` */
    serverOffsetMs: () => offsetMs,
  }
})

export type FeedStore = ReturnType<typeof useFeedStore>
