import measures from './measures.en'
import supervision from './supervision.en'
import type zhCN from './zh-CN'
import map3d from './map3d.en'
import terminal from './terminal.en'
import wall from './wall.en'

/** English catalogue: same keys as zh-CN (a test checks), so switching language never loses a label. */
const en: typeof zhCN = {
  app: {
    title: 'Supreme People\'s Court Enforcement Command Centre',
    subtitle: 'National Enforcement Overview',
  },
  header: {
    title: 'SPC Enforcement Command Centre',
    subtitle: 'National Enforcement Overview',
    date: 'Date',
    clock: 'Beijing time',
    dataAge: 'data {age} old',
    noData: 'no data yet',
  },
  status: {
    connecting: 'Connecting',
    live: 'Live',
    reconnecting: 'Reconnecting',
    offline: 'Offline',
  },
  upstream: {
    stalled: 'Source stalled',
    stalledHint: 'The server is connected, but its data source has no new data',
    state: 'Upstream',
    live: 'Live',
    stale: 'Stalled',
    rejected: 'Upstream rejections ({kind})',
    reason: {
      ownedByHub: 'Topic owned by the hub',
      tooBig: 'Frame too big',
      snapshotThrew: 'Snapshot failed',
      subscribeThrew: 'Subscribe failed',
      startThrew: 'Start failed',
      listenerThrew: 'Payload handling failed',
      wallStateThrew: 'Wall-state notice failed',
      healthThrew: 'Health report failed',
    },
  },
  source: {
    simulated: 'SIMULATED DATA',
    simulatedHint: 'Simulated demonstration data, not official statistics',
    replay: 'REPLAY',
    replayHint: 'A recording played back with its times moved to now, not live figures',
    simulatedClock: 'simulated time {time}',
  },
  panel: {
    kpi: 'National Enforcement Figures',
    indicators: 'Core Indicators (3 × 90%, 1 × 80%)',
    heatmap: 'By Region',
    ranking: 'Regional Ranking',
    battlePlan: 'Battle Plan',
    waiting: 'Waiting for data…',
    stale: 'Stale · {age} old',
    staleNever: 'No data received',
    noData: 'No data',
    rankingTop: 'Top {n}',
  },
  kpi: {
    casesReceivedYtd: 'Cases received',
    casesConcludedYtd: 'Cases concluded',
    casesPending: 'Cases pending',
    amountRecoveredYtd: 'Amount recovered',
    dishonestDebtorsListed: 'Dishonest debtors listed',
    networkInquiriesToday: 'Network inquiries today',
    onlineAuctionsYtd: 'Online judicial auctions',
    auctionTurnoverYtd: 'Auction turnover',
  },
  kpiUnit: {
    cases: 'cases',
    people: 'people',
    times: 'times',
    yuan: '',
  },
  kpiScope: {
    ytd: '{year} to date',
    today: 'today',
    now: 'now',
  },
  indicator: {
    actualClosureRate: 'Actual closure rate (cases with property)',
    terminationComplianceRate: 'Compliant termination rate (no property)',
    petitionCompletionRate: 'Petition completion rate',
    threeYearClosureRate: 'Three-year overall closure rate',
    target: 'target ≥ {target}',
    met: 'met',
    notMet: 'not met',
  },
  metric: {
    casesReceivedYtd: 'Received',
    casesConcludedYtd: 'Concluded',
    casesPending: 'Pending',
    amountRecoveredYtd: 'Recovered',
    dishonestDebtorsListed: 'Dishonest',
    actualClosureRate: 'Closure rate',
    threeYearClosureRate: '3-yr rate',
  },
  unit: {
    corps: 'XPCC',
  },
  map: {
    noData: 'no data',
    noDataNote: 'Taiwan, Hong Kong, Macao: no enforcement data',
    corpsFull: 'Xinjiang Production and Construction Corps',
    corpsNote: 'Corps (XPCC) figures shown beside Xinjiang',
    southChinaSea: 'South China Sea Islands',
  },
  milestone: {
    status: {
      done: 'Done',
      inProgress: 'In progress',
      upcoming: 'Upcoming',
      overdue: 'Overdue',
    },
    today: 'Today',
    group: '{n} items',
    simulated: 'sim.',
  },
  diagnostics: {
    title: 'Diagnostics',
    connection: 'Connection',
    source: 'Source',
    messagesAccepted: 'Messages accepted',
    rejectionsTotal: 'Rejections',
    byReason: 'By reason',
    recent: 'Recent rejections',
    none: 'none',
    profile: 'Profile',
    viewport: 'Viewport',
    typeBase: 'Base type size',
    hint: 'Press D to close',
  },
  rejectReason: {
    binaryFrame: 'Binary frame',
    oversized: 'Oversized frame',
    notJson: 'Not JSON',
    badEnvelope: 'Bad envelope',
    unsupportedVersion: 'Unsupported version',
    unknownType: 'Unknown type',
    unknownTopic: 'Unknown topic',
    badPayload: 'Payload failed validation',
  },
  page: {
    overview: 'National Overview',
  },
  ...measures,
  ...supervision,
  wall,
  terminal,
  ...map3d,
}

export default en
