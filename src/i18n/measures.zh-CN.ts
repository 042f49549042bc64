/**
 * 执行措施页面中文文案：网络查控（inquiry）、失信惩戒（credit）、事项委托（delegation）。
 * 顶层键就是页面 id；字段键就是协议字段名（src/protocol/topics-functions.ts），与 docs/glossary.md 一致。
 */
export default {
  inquiry: {
    title: '网络查控',
    panel: {
      reach: '查控体系覆盖',
      counters: '查询与冻结',
      ticker: '实时查控动态',
      byAgency: '今日各联网单位查询',
      byAssetKind: '今日命中财产类型',
    },
    reach: {
      agencies: '联网单位',
      banks: '联网银行',
      infoKinds: '可查信息种类',
      unitAgencies: '家',
      unitBanks: '家',
      unitInfoKinds: '种',
      source: '2018年数据，据《中国审判》2018年第13期报道',
    },
    kpi: {
      inquiriesToday: '今日查询',
      inquiriesYtd: '年内查询',
      freezesToday: '今日冻结',
      freezesYtd: '年内冻结',
      frozenAmountToday: '今日冻结金额',
      frozenAmountYtd: '年内冻结金额',
    },
    unit: {
      inquiries: '次',
      freezes: '次',
    },
    agency: {
      bank: '银行',
      publicSecurity: '公安',
      transport: '交通运输',
      civilAffairs: '民政',
      naturalResources: '自然资源',
      marketRegulation: '市场监管',
      securities: '证券',
      insurance: '保险',
      pbc: '人民银行',
      onlinePayment: '网络支付',
    },
    assetKind: {
      deposit: '存款',
      wealthProduct: '理财产品',
      vehicle: '车辆',
      ship: '船舶',
      securities: '证券',
      onlineFunds: '网络资金',
      realEstate: '不动产',
      equity: '股权',
      housingFund: '公积金',
    },
    action: {
      query: '查询',
      freeze: '冻结',
    },
    ticker: {
      time: '时间',
      unit: '法院辖区',
      agency: '联网单位',
      assetKind: '财产形式',
      action: '操作',
      amount: '金额',
      empty: '暂无动态',
      anonymous: '不含当事人信息',
    },
    hitsTotal: '今日命中合计',
  },
  credit: {
    title: '失信惩戒',
    panel: {
      list: '失信被执行人名单',
      bans: '联合惩戒 · 限制高消费出行',
      history: '名单累计纳入趋势',
      byUnit: '各地在册失信被执行人',
    },
    kpi: {
      listedNow: '在册失信被执行人',
      addedYtd: '年内新增',
      removedYtd: '年内移出',
      restoredYtd: '年内信用修复',
      flightBansCumulative: '累计限制乘坐飞机',
      railBansCumulative: '累计限制乘坐动车高铁',
    },
    unit: {
      people: '人',
      personTimes: '人次',
    },
    scope: {
      now: '当前',
      ytd: '{year}年',
      since2013: '2013年以来',
    },
    history: {
      published: '公开发布数据',
      simulated: '模拟延续（非官方统计）',
      axis: '累计纳入（人次）',
    },
    byUnit: {
      addedYtd: '年内新增 {n}',
    },
  },
  delegation: {
    title: '事项委托',
    panel: {
      map: '今日跨域委托流向',
      counters: '委托与节约',
      topFlows: '今日主要委托流向',
    },
    kpi: {
      today: '今日委托',
      cumulative: '累计委托',
      personTripsSaved: '累计节省运力',
      costSaved: '累计节约成本',
    },
    unit: {
      matters: '件',
      personTrips: '人次',
    },
    scope: {
      today: '今日',
      cumulative: '累计',
    },
    footnote: '基数：《中国审判》2018年第13期报道，截至2018年累计委托26万余件，节省运力100万人次、节约成本6.3亿元；此后数字在此基础上累计。',
    legend: '线宽、颜色表示今日委托件数',
    corpsNote: '兵团无行政区划图形，标注于新疆旁',
    flow: '{from} → {to}',
    count: '{n}件',
  },
}
