import { describe, expect, it } from 'vitest'
import { INDICATOR_IDS, MILESTONE_STATUSES } from '~/protocol'
import { UNIT_METRICS } from '~/charts/metrics'
import en from './en'
import { createWallI18n, MESSAGES } from './index'
import zhCN from './zh-CN'

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])
}

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap(v => typeof v === 'object' && v !== null ? leaves(v) : [String(v)])
}

describe('i18n catalogues', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('cover every indicator, metric and milestone status by its code name', () => {
    const all = new Set(keys(zhCN))
    for (const id of INDICATOR_IDS)
      expect(all.has(`indicator.${id}`)).toBe(true)
    for (const m of UNIT_METRICS)
      expect(all.has(`metric.${m}`)).toBe(true)
    for (const s of MILESTONE_STATUSES)
      expect(all.has(`milestone.status.${s}`)).toBe(true)
  })

  it('leave no text empty except the deliberately blank yuan unit', () => {
    for (const catalogue of [zhCN, en]) {
      const empty = keys(catalogue).filter((_, i) => leaves(catalogue)[i] === '')
      expect(empty).toEqual(['kpiUnit.yuan'])
    }
  })

  it('switch the language of a message', () => {
    const i18n = createWallI18n('zh-CN')
    expect(i18n.global.t('header.title')).toBe('最高人民法院执行指挥中心')
    i18n.global.locale.value = 'en'
    expect(i18n.global.t('kpi.casesConcludedYtd')).toBe('Cases concluded')
    expect(i18n.global.t('panel.stale', { age: '12 s' })).toBe('Stale · 12 s old')
    expect(Object.keys(MESSAGES)).toEqual(['zh-CN', 'en'])
  })
})
