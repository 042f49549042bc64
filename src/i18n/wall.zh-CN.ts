/**
 * 大屏导航与本屏页面的中文文案（`wall.` 命名空间）：待机屏、横幅、本地键盘操作、轮播进度，
 * 以及 各地执行态势、挂图作战、省份聚焦 三个页面。
 */
export default {
  blackout: {
    label: '大屏待机',
  },
  tour: {
    label: '讲解导览',
    progress: '第 {n}/{of} 步',
  },
  banner: {
    label: '通知横幅',
    tag: '通知',
  },
  local: {
    mark: '本屏本地操作',
    playlist: '本屏本地轮播',
    hint: '按 Esc 或控制端下一条指令恢复',
  },
  progress: {
    label: '轮播进度',
  },
  nav: {
    unknownPage: '控制端指定的页面“{page}”本屏没有，已显示全国总览',
    unknownUnit: '控制端指定的单位“{unit}”无法识别，已显示默认单位',
  },
  battleplan: {
    nextDeadline: '距下一截止',
    nextTitle: '{title}（{date}）',
    countdownDays: ' 天',
    noDeadline: '暂无待截止节点',
    summary: '任务总览',
    total: '共 {n} 个节点',
    done: '完成率',
    tasks: '当前任务',
    more: '另有 {n} 项',
    none: '暂无待办任务',
    due: '截止 {date}',
    daysLeft: '剩 {n} 天',
    dueToday: '今日截止',
    daysOver: '逾期 {n} 天',
    progress: '进度',
  },
  province: {
    profile: '单位概况',
    courts: '辖区法院',
    courtsTotal: '共 {n} 家',
    high: '高级法院',
    intermediate: '中级法院',
    basic: '基层法院',
    courtCount: '{n}家',
    defaulted: '未指定聚焦单位，显示受理量最大的单位',
    corpsNote: '兵团数据单列；地图上标注于新疆旁',
    kpis: '执行数据',
    rank: '全国第 {n} 位',
    share: '占全国 {p}',
    indicators: '核心指标 · 对标全国',
    target: '目标 {v}',
    national: '全国 {v}',
    delta: '较全国 {d}',
    points: '{v} 个百分点',
    trend: '执行走势',
    window: '近 {span} · 每 {interval} 采样 · {n} 个点',
    collecting: '采样中 · 已有 {n} 个点 · 每 {interval} 一次',
    waitingTrend: '等待第一个采样…',
    concluded: '执结案件（年内累计）',
    closureRate: '实际执结率',
    closureTarget: '目标 {v}',
  },
}
