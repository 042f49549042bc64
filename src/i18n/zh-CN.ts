/**
 * 中文 catalogue. Keys are domain names (the wire field names where there is one), the same in every
 * locale and in docs/glossary.md, so a label on the wall leads straight to the number behind it.
 */
import map3d from './map3d.zh-CN'
import measures from './measures.zh-CN'
import supervision from './supervision.zh-CN'
import terminal from './terminal.zh-CN'
import wall from './wall.zh-CN'

export default {
  app: {
    title: '最高人民法院执行指挥中心',
    subtitle: '全国执行工作态势',
  },
  header: {
    title: '最高人民法院执行指挥中心',
    subtitle: '全国执行工作态势',
    date: '日期',
    clock: '北京时间',
    dataAge: '数据 {age}前',
    noData: '尚无数据',
  },
  status: {
    connecting: '连接中',
    live: '实时',
    reconnecting: '重连中',
    offline: '离线',
  },
  upstream: {
    stalled: '数据源停滞',
    stalledHint: '服务器在线，但其数据源已无新数据',
    state: '数据源状态',
    live: '正常',
    stale: '停滞',
    rejected: '数据源拒收（{kind}）',
    reason: {
      ownedByHub: '占用墙状态主题',
      tooBig: '帧过大',
      snapshotThrew: '快照出错',
      subscribeThrew: '订阅出错',
      startThrew: '启动出错',
      listenerThrew: '处理出错',
      wallStateThrew: '墙状态通知出错',
      healthThrew: '健康报告出错',
    },
  },
  source: {
    simulated: '模拟数据',
    simulatedHint: '演示用模拟数据，非官方统计',
    replay: '回放数据',
    replayHint: '录制数据回放（时间已平移至当前），非实时统计',
    simulatedClock: '模拟时刻 {time}',
  },
  panel: {
    kpi: '全国执行核心数据',
    indicators: '核心指标（三个90%、一个80%）',
    heatmap: '各地执行态势',
    ranking: '各地排名',
    battlePlan: '挂图作战',
    waiting: '等待数据…',
    stale: '数据已过期 · {age}前',
    staleNever: '数据未到达',
    noData: '暂无数据',
    rankingTop: '前 {n} 名',
  },
  kpi: {
    casesReceivedYtd: '受理执行案件',
    casesConcludedYtd: '执结案件',
    casesPending: '未结案件',
    amountRecoveredYtd: '执行到位金额',
    dishonestDebtorsListed: '失信被执行人',
    networkInquiriesToday: '今日网络查控',
    onlineAuctionsYtd: '网络司法拍卖',
    auctionTurnoverYtd: '网拍成交额',
  },
  kpiUnit: {
    cases: '件',
    people: '人',
    times: '次',
    yuan: '',
  },
  kpiScope: {
    ytd: '{year}年累计',
    today: '今日',
    now: '当前',
  },
  indicator: {
    actualClosureRate: '有财产案件法定期限内实际执结率',
    terminationComplianceRate: '无财产案件终本合格率',
    petitionCompletionRate: '执行信访案件办结率',
    threeYearClosureRate: '近三年整体执结率',
    target: '目标 ≥ {target}',
    met: '达标',
    notMet: '未达标',
  },
  metric: {
    casesReceivedYtd: '受理',
    casesConcludedYtd: '执结',
    casesPending: '未结',
    amountRecoveredYtd: '到位金额',
    dishonestDebtorsListed: '失信人数',
    actualClosureRate: '实际执结率',
    threeYearClosureRate: '三年执结率',
  },
  unit: {
    corps: '兵团',
  },
  map: {
    noData: '暂无数据',
    noDataNote: '台湾、香港、澳门：暂无执行数据',
    corpsFull: '新疆生产建设兵团',
    corpsNote: '兵团数据标注于新疆旁',
    southChinaSea: '南海诸岛',
  },
  milestone: {
    status: {
      done: '已完成',
      inProgress: '进行中',
      upcoming: '未开始',
      overdue: '已逾期',
    },
    today: '今天',
    group: '{n}项',
    simulated: '模拟',
  },
  diagnostics: {
    title: '诊断信息',
    connection: '连接状态',
    source: '数据源',
    messagesAccepted: '已接收消息',
    rejectionsTotal: '拒收总数',
    byReason: '按原因',
    recent: '最近拒收',
    none: '无',
    profile: '屏幕配置',
    viewport: '视口',
    typeBase: '基准字号',
    hint: '按 D 键关闭',
  },
  rejectReason: {
    binaryFrame: '二进制帧',
    oversized: '超大帧',
    notJson: '非 JSON',
    badEnvelope: '信封错误',
    unsupportedVersion: '版本不支持',
    unknownType: '未知类型',
    unknownTopic: '未知主题',
    badPayload: '数据校验失败',
  },
  page: {
    overview: '全国总览',
  },
  ...measures,
  ...supervision,
  wall,
  terminal,
  ...map3d,
}
