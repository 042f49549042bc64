/**
 * Main-thread time per feed message on whatever page the wall shows, and its rows for the table.
 * The page must have been opened with MARK_FEED_MESSAGES as an init script (see trace.ts).
 */
import type { Page } from 'playwright-core'
import { wallFeed } from '../../e2e/harness.ts'
import type { Metric } from './report.ts'
import { median, percentile } from './stats.ts'
import { attributeMessages, traceMessages, type MessageCost } from './trace.ts'

/** What one traced window found. */
export interface MessageCostRun {
  cost: MessageCost
  /** messages the wall's store accepted per second while traced; null without window.__wall */
  acceptedRate: number | null
  seconds: number
}

/** Trace the page for `ms` and attribute its main thread to the feed messages it handled. */
export async function measurePerMessage(page: Page, ms: number): Promise<MessageCostRun> {
  const before = (await wallFeed(page)).messagesAccepted
  const startedAt = Date.now()
  const events = await traceMessages(page, ms)
  const after = (await wallFeed(page)).messagesAccepted
  const seconds = (Date.now() - startedAt) / 1000
  return {
    cost: attributeMessages(events),
    acceptedRate: before !== null && after !== null ? (after - before) / seconds : null,
    seconds,
  }
}

/** The per-message windows grouped by the topic (or frame type) that opened them, costliest p95 first. */
export function costByTopic(cost: MessageCost): { topic: string, values: number[], p95: number | null, median: number | null }[] {
  const byTopic = new Map<string, number[]>()
  cost.perMessageMs.forEach((ms, index) => {
    const topic = cost.labels[index] || '?'
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), ms])
  })
  return [...byTopic]
    .map(([topic, values]) => ({ topic, values, p95: percentile(values, 95), median: median(values) }))
    .sort((a, b) => (b.p95 ?? 0) - (a.p95 ?? 0))
}

export interface PerMessageRowsOptions {
  /** patches per second the server was started with, for the note */
  feedRate: number
  /** p95 budget, ms */
  budgetMs: number
  /**
   * 'full': every row the overview prints (mean, one row per topic, message task, busy share, rate);
   * 'short': median and p95 only, the costliest topic named in the p95 note (one page among many).
   */
  detail: 'full' | 'short'
  /** prefix of every figure's name, e.g. the page id */
  prefix?: string
}

export function perMessageRows(scenario: string, run: MessageCostRun, options: PerMessageRowsOptions): Metric[] {
  const { cost, acceptedRate } = run
  const name = (text: string): string => options.prefix ? `${options.prefix}: ${text}` : text
  const topics = costByTopic(cost)
  const worst = topics[0]
  const p95: Metric = {
    scenario,
    name: name('main thread per message, p95'),
    value: percentile(cost.perMessageMs, 95),
    unit: 'ms',
    budget: options.budgetMs,
  }
  const medianRow: Metric = {
    scenario,
    name: name('main thread per message, median'),
    value: median(cost.perMessageMs),
    unit: 'ms',
    note: `${cost.messages} messages traced`,
  }
  if (options.detail === 'short') {
    // A page that animates on its own (a ticker, a turning map) is busy between messages too: the
    // busy share tells that apart from a costly update.
    medianRow.note = `${cost.messages} messages traced; main thread busy ${cost.spanMs > 0 ? (cost.busyMs / cost.spanMs * 100).toFixed(0) : '—'} %`
    p95.note = worst
      ? `costliest: ${worst.topic} p95 ${worst.p95?.toFixed(1) ?? '—'} ms (${worst.values.length} msgs); message task alone p95 ${percentile(cost.messageTaskMs, 95)?.toFixed(1) ?? '—'} ms`
      : 'no messages traced'
    return [medianRow, p95]
  }
  return [
    medianRow,
    p95,
    { scenario, name: name('main thread per message, mean'), value: cost.messages > 1 ? cost.busyMs / (cost.messages - 1) : null, unit: 'ms', note: 'busy time / messages' },
    ...topics.map(topic => ({
      scenario,
      name: name(`  per message: ${topic.topic}, p95`),
      value: topic.p95,
      unit: 'ms',
      note: `median ${topic.median?.toFixed(1) ?? '—'} ms, ${topic.values.length} messages`,
    })),
    { scenario, name: name('message task alone, p95'), value: percentile(cost.messageTaskMs, 95), unit: 'ms', note: `median ${median(cost.messageTaskMs)?.toFixed(2) ?? '—'} ms` },
    { scenario, name: name('main thread busy'), value: cost.spanMs > 0 ? cost.busyMs / cost.spanMs * 100 : null, unit: '%' },
    { scenario, name: name('messages accepted'), value: acceptedRate, unit: '/s', note: acceptedRate === null ? 'window.__wall.feed missing' : `feed rate ${options.feedRate}/s + heartbeats` },
  ]
}
