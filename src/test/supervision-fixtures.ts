/** Payloads of the supervision pages' topics (auction, 终本, roll call) for unit tests (valid by the protocol's schemas). */
import { AUCTION_CLASSES, COURT_UNITS, type AuctionStats, type RollCall, type RollCallState, type TerminationStats } from '~/protocol'

export const SUPERVISION_NOW = Date.UTC(2026, 2, 5, 2, 0, 0)
/** 1 January and 1 July 2026, Beijing time */
export const ROUND_START = Date.UTC(2025, 11, 31, 16)
export const ROUND_NEXT = Date.UTC(2026, 5, 30, 16)

export function auctionStats(overrides: Partial<AuctionStats> = {}): AuctionStats {
  return {
    asOf: SUPERVISION_NOW,
    today: 3_456,
    ytd: 212_345,
    successRate: 72.41,
    premiumRate: 25.3,
    turnoverYtd: 6.42e11,
    byClass: AUCTION_CLASSES.map((assetClass, i) => ({ assetClass, ytd: 30_000 - i * 3_000, turnoverYtd: 2e11 / (i + 1) })),
    byUnit: COURT_UNITS.map((u, i) => ({ unitId: u.id, ytd: Math.round(200_000 * u.caseloadShare), turnoverYtd: Math.round(6e11 * u.caseloadShare) + i })),
    ...overrides,
  }
}

export function terminationStats(overrides: Partial<TerminationStats> = {}): TerminationStats {
  return {
    asOf: SUPERVISION_NOW,
    poolSize: 41_000_000,
    addedYtd: 620_000,
    restartedYtd: 150_000,
    // the pool has grown since the round began: progress is measured against the 4,000万 it started with
    cycle: { startedAt: ROUND_START, nextAt: ROUND_NEXT, poolAtStart: 40_000_000, queried: 10_000_000, propertyFound: 310_000, restarted: 155_000 },
    byUnit: COURT_UNITS.map(u => ({ unitId: u.id, poolSize: Math.round(41_000_000 * u.caseloadShare), restartedYtd: Math.round(150_000 * u.caseloadShare) })),
    ...overrides,
  }
}

/** A draw: a basic court of Jiangsu (#37), a Corps intermediate court, a named high court, one with a video. */
export function rollCall(overrides: Partial<RollCall> = {}): RollCall {
  return {
    asOf: SUPERVISION_NOW,
    drawId: 'draw-7-abc',
    drawnAt: SUPERVISION_NOW - 60_000,
    courts: [
      { courtId: '320000-basic-37', unitId: '320000', level: 'basic', ordinal: 37, name: null, casesReceivedYtd: 4_123, casesConcludedYtd: 3_456, actualClosureRate: 92.4, videoUrl: null },
      { courtId: 'XPCC-intermediate-3', unitId: 'XPCC', level: 'intermediate', ordinal: 3, name: null, casesReceivedYtd: 1_234, casesConcludedYtd: 1_001, actualClosureRate: 88.6, videoUrl: null },
      { courtId: '310000-high-1', unitId: '310000', level: 'high', ordinal: 1, name: '上海市高级人民法院', casesReceivedYtd: 812, casesConcludedYtd: 700, actualClosureRate: 85.1, videoUrl: 'https://video.example.org/live/310000-high-1.m3u8' },
    ],
    ...overrides,
  }
}

/** The wall state's roll call naming the same draw as rollCall(). */
export function rollCallState(overrides: Partial<RollCallState> = {}): RollCallState {
  return { drawId: 'draw-7-abc', count: 3, seed: 42, drawnAt: SUPERVISION_NOW - 60_000, ...overrides }
}
