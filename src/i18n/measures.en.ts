import type measures from './measures.zh-CN'

/** English texts of the inquiry, credit and delegation pages: the same keys as measures.zh-CN.ts. */
const measuresEn: typeof measures = {
  inquiry: {
    title: 'Network Inquiry & Control',
    panel: {
      reach: 'Reach of the System',
      counters: 'Queries and Freezes',
      ticker: 'Live Inquiries',
      byAgency: 'Queries Today by Agency',
      byAssetKind: 'Hits Today by Asset Kind',
    },
    reach: {
      agencies: 'Linked agencies',
      banks: 'Linked banks',
      infoKinds: 'Kinds of information',
      unitAgencies: 'agencies',
      unitBanks: 'banks',
      unitInfoKinds: 'kinds',
      source: '2018 figures, as reported in China Trial (中国审判), 2018 no. 13',
    },
    kpi: {
      inquiriesToday: 'Queries today',
      inquiriesYtd: 'Queries this year',
      freezesToday: 'Freezes today',
      freezesYtd: 'Freezes this year',
      frozenAmountToday: 'Frozen today',
      frozenAmountYtd: 'Frozen this year',
    },
    unit: {
      inquiries: 'queries',
      freezes: 'freezes',
    },
    agency: {
      bank: 'Banks',
      publicSecurity: 'Public security',
      transport: 'Transport',
      civilAffairs: 'Civil affairs',
      naturalResources: 'Natural resources',
      marketRegulation: 'Market regulation',
      securities: 'Securities',
      insurance: 'Insurance',
      pbc: 'People\'s Bank',
      onlinePayment: 'Online payment',
    },
    assetKind: {
      deposit: 'Deposits',
      wealthProduct: 'Wealth products',
      vehicle: 'Vehicles',
      ship: 'Ships',
      securities: 'Securities',
      onlineFunds: 'Online funds',
      realEstate: 'Real estate',
      equity: 'Equity',
      housingFund: 'Housing fund',
    },
    action: {
      query: 'Query',
      freeze: 'Freeze',
    },
    ticker: {
      time: 'Time',
      unit: 'Court region',
      agency: 'Agency',
      assetKind: 'Asset',
      action: 'Action',
      amount: 'Amount',
      empty: 'No activity yet',
      anonymous: 'no personal data',
    },
    hitsTotal: 'Hits today, total',
  },
  credit: {
    title: 'Credit Punishment',
    panel: {
      list: 'Dishonest Judgment Debtors',
      bans: 'Joint Punishment · Travel Bans',
      history: 'Cumulative Listings',
      byUnit: 'Listed Now by Region',
    },
    kpi: {
      listedNow: 'On the list now',
      addedYtd: 'Added this year',
      removedYtd: 'Removed this year',
      restoredYtd: 'Credit restored this year',
      flightBansCumulative: 'Flight tickets refused',
      railBansCumulative: 'High-speed rail tickets refused',
    },
    unit: {
      people: 'people',
      personTimes: 'times',
    },
    scope: {
      now: 'now',
      ytd: '{year}',
      since2013: 'since 2013',
    },
    history: {
      published: 'Published figures',
      simulated: 'Simulated continuation (not official)',
      axis: 'Cumulative listings',
    },
    byUnit: {
      addedYtd: '+{n} this year',
    },
  },
  delegation: {
    title: 'Cross-region Delegation',
    panel: {
      map: 'Delegations Today between Regions',
      counters: 'Delegations and Savings',
      topFlows: 'Main Flows Today',
    },
    kpi: {
      today: 'Delegated today',
      cumulative: 'Delegated in total',
      personTripsSaved: 'Person-trips saved',
      costSaved: 'Cost saved',
    },
    unit: {
      matters: 'matters',
      personTrips: 'trips',
    },
    scope: {
      today: 'today',
      cumulative: 'cumulative',
    },
    footnote: 'Base: China Trial (中国审判) 2018 no. 13 reported 260,000+ delegated matters, 1,000,000 person-trips and 630 million yuan saved as of 2018; the figures here continue from that base.',
    legend: 'Line width and colour: matters delegated today',
    corpsNote: 'XPCC has no polygon: marked beside Xinjiang',
    flow: '{from} → {to}',
    count: '{n}',
  },
}

export default measuresEn
