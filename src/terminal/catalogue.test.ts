import { describe, expect, it } from 'vitest'
import terminalEn from '~/i18n/terminal.en'
import terminalZhCN from '~/i18n/terminal.zh-CN'
import { CONTROL_ERROR_CODES } from '~/protocol'
import { LOCAL_ERROR_CODES, type ControlConnection } from './useControlChannel'

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])
}

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap(v => typeof v === 'object' && v !== null ? leaves(v) : [String(v)])
}

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
