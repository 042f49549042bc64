/**
 * The code tables of the mock statistics system: how it names agencies, asset kinds, auction
 * classes, court levels and milestone states. A real system has tables like these in its
 * interface document; the http mapping (server/upstream/http/mock-server.mapping.ts) carries the
 * reverse of each.
 */
import { UNIT_BY_ID } from '#protocol'

/** 联网单位 code → the wall's agency id */
export const AGENCY_CODES = {
  YH: 'bank', GA: 'publicSecurity', JT: 'transport', MZ: 'civilAffairs', ZR: 'naturalResources',
  SJ: 'marketRegulation', ZQ: 'securities', BX: 'insurance', RH: 'pbc', ZF: 'onlinePayment',
} as const
/** 财产形式 code → asset kind */
export const ASSET_CODES = {
  CK: 'deposit', LC: 'wealthProduct', CL: 'vehicle', CB: 'ship', ZQ: 'securities',
  WZ: 'onlineFunds', BDC: 'realEstate', GQ: 'equity', GJJ: 'housingFund',
} as const
/** 拍品类别 code → auction class */
export const AUCTION_CLASS_CODES = {
  ZZ: 'residential', SY: 'commercial', TD: 'land', JDC: 'vehicle', GQ: 'equity', JQ: 'machinery', QT: 'other',
} as const
/** 法院层级 code → court level */
export const COURT_LEVEL_CODES = { GY: 'high', ZY: 'intermediate', JC: 'basic' } as const
/** 节点状态 code → milestone status */
export const MILESTONE_STATE_CODES = { WC: 'done', JX: 'inProgress', WKS: 'upcoming', YQ: 'overdue' } as const
/** 查控动作 code → ticker action */
export const ACTION_CODES = { CX: 'query', DJ: 'freeze' } as const

/** Reverse a code table: the wall's id → the system's code. */
export function codeOf<T extends Record<string, string>>(table: T, id: string): string {
  for (const [code, value] of Object.entries(table)) {
    if (value === id)
      return code
  }
  throw new Error(`no code for ${id}`)
}

/** The Corps is filed under 660000 in the system; every other unit under its adcode. */
export function regionCode(unitId: string): number {
  return UNIT_BY_ID.get(unitId)?.adcode ?? 660000
}
