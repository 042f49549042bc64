import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { CONTROL_ERROR_CODES, INDICATOR_IDS, MILESTONE_STATUSES, ROOM_LANGUAGES, tourFileSchema } from '~/protocol'
import { LOCAL_ERROR_CODES, type ControlConnection } from '~/terminal/useControlChannel'
import { UNIT_METRICS } from '~/domain/metrics'
import en from './en'
import { createWallI18n, MESSAGES } from './index'
import terminalEn from './terminal.en'
import terminalZhCN from './terminal.zh-CN'
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

const CONNECTIONS: readonly ControlConnection[] = ['connecting', 'open', 'unauthorized', 'forbidden', 'closed']

describe('terminal catalogues', () => {
  it('have the same keys in Chinese and English, none of them empty', () => {
    expect(keys(terminalEn).sort()).toEqual(keys(terminalZhCN).sort())
    for (const catalogue of [terminalZhCN, terminalEn])
      expect(leaves(catalogue).filter(text => text.trim() === '')).toEqual([])
  })

  it('have a text for every refusal code and every connection state', () => {
    const all = new Set(keys(terminalZhCN))
    for (const code of [...CONTROL_ERROR_CODES, ...LOCAL_ERROR_CODES])
      expect(all.has(`error.${code}`), code).toBe(true)
    for (const state of CONNECTIONS)
      expect(all.has(`connection.${state}`), state).toBe(true)
  })
})

/** Every source file of the wall and the terminal, read once. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return sourceFiles(path)
    return /\.(vue|ts)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : []
  })
}

function subtree(tree: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined, tree)
}

describe('every visible word has both catalogues', () => {
  const srcDir = fileURLToPath(new URL('..', import.meta.url))
  const sources = sourceFiles(srcDir).map(file => ({ file: relative(srcDir, file), text: readFileSync(file, 'utf8') }))
  const zhKeys = new Set(keys(zhCN))
  const enKeys = new Set(keys(en))

  it('has every literal key the code asks for, in Chinese and in English', () => {
    const missing: string[] = []
    for (const { file, text } of sources) {
      for (const match of text.matchAll(/\b\$?t\(\s*'([\w.-]+)'/g)) {
        const key = match[1]!
        if (!zhKeys.has(key))
          missing.push(`${file}: ${key} (zh-CN)`)
        if (!enKeys.has(key))
          missing.push(`${file}: ${key} (en)`)
      }
    }
    expect(missing).toEqual([])
  })

  it('has the group behind every computed key, with the same entries in both', () => {
    const problems: string[] = []
    for (const { file, text } of sources) {
      for (const match of text.matchAll(/\b\$?t\(\s*`([\w.-]+)\.\$\{/g)) {
        const prefix = match[1]!
        const zh = subtree(zhCN, prefix)
        const english = subtree(en, prefix)
        if (typeof zh !== 'object' || typeof english !== 'object')
          problems.push(`${file}: ${prefix}.* missing`)
        else if (keys(zh as object).sort().join() !== keys(english as object).sort().join())
          problems.push(`${file}: ${prefix}.* differs`)
      }
    }
    expect(problems).toEqual([])
  })

  it('names every refusal, connection state and room language the terminal can show', () => {
    for (const code of [...CONTROL_ERROR_CODES, ...LOCAL_ERROR_CODES]) {
      expect(zhKeys.has(`terminal.error.${code}`)).toBe(true)
      expect(enKeys.has(`terminal.error.${code}`)).toBe(true)
    }
    for (const language of ROOM_LANGUAGES)
      expect(enKeys.has(`terminal.roomLanguage.${language}`) && zhKeys.has(`terminal.roomLanguage.${language}`)).toBe(true)
  })

  it('gives every shipped tour step a caption in both languages', () => {
    const dir = fileURLToPath(new URL('../../config/tours/', import.meta.url))
    for (const name of readdirSync(dir).filter(n => n.endsWith('.json'))) {
      const tour = v.parse(tourFileSchema, JSON.parse(readFileSync(join(dir, name), 'utf8')))
      for (const step of tour.steps) {
        expect(step.caption['zh-CN'].trim()).not.toBe('')
        expect(step.caption.en.trim()).not.toBe('')
        // the English caption is English: no Chinese characters left in it
        expect(step.caption.en).not.toMatch(/[\u4E00-\u9FFF]/)
      }
    }
  })
})
