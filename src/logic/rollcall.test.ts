import { describe, expect, it } from 'vitest'
import { createWallI18n } from '~/i18n'
import { rollCall, rollCallState } from '~/test/supervision-fixtures'
import { courtDisplayName, drawPhase, drawView, playableVideoUrl, summariseDraw } from './rollcall'
import type { Translate } from './translate'

function translator(locale: 'zh-CN' | 'en'): Translate {
  const i18n = createWallI18n(locale)
  return (key, named) => i18n.global.t(key, named ?? {})
}

describe('courtDisplayName', () => {
  const [jiangsu, corps, shanghai] = rollCall().courts

  it('builds the name from unit, level and ordinal, in Chinese', () => {
    const t = translator('zh-CN')
    expect(courtDisplayName(jiangsu!, 'zh-CN', t)).toBe('江苏 · 基层法院 #37')
    expect(courtDisplayName(corps!, 'zh-CN', t)).toBe('兵团 · 中级法院 #3')
    expect(courtDisplayName({ ...shanghai!, name: null }, 'zh-CN', t)).toBe('上海 · 高级法院')
  })

  it('and in English, with the Corps as XPCC', () => {
    const t = translator('en')
    expect(courtDisplayName(jiangsu!, 'en', t)).toBe('Jiangsu · Basic court #37')
    expect(courtDisplayName(corps!, 'en', t)).toBe('XPCC · Intermediate court #3')
  })

  it('uses the configured name when the feed has one', () => {
    expect(courtDisplayName(shanghai!, 'en', translator('en'))).toBe('上海市高级人民法院')
    expect(courtDisplayName({ ...jiangsu!, name: '   ' }, 'zh-CN', translator('zh-CN'))).toBe('江苏 · 基层法院 #37')
  })
})

describe('drawPhase', () => {
  it('waits before any courts arrived', () => {
    expect(drawPhase(rollCallState(), null)).toBe('waiting')
    expect(drawPhase(null, undefined)).toBe('waiting')
  })

  it('is drawn when the wall state names the courts\' draw, or there is no wall state', () => {
    expect(drawPhase(rollCallState(), rollCall())).toBe('drawn')
    expect(drawPhase(null, rollCall())).toBe('drawn')
  })

  it('is drawing when the wall state names a newer draw than the courts belong to', () => {
    const courts = rollCall()
    expect(drawPhase(rollCallState({ drawId: 'draw-8', drawnAt: courts.drawnAt + 5000 }), courts)).toBe('drawing')
  })

  it('takes courts drawn after the wall state\'s draw as that draw, whatever their id', () => {
    const courts = rollCall({ drawId: 'draw-3-xyz' })
    expect(drawPhase(rollCallState({ drawId: 'draw-8', drawnAt: courts.drawnAt - 10 }), courts)).toBe('drawn')
    expect(drawPhase(rollCallState({ drawId: 'initial', drawnAt: 0 }), courts)).toBe('drawn')
  })
})

describe('drawView', () => {
  it('counts the face-down cards from the wall state\'s draw, else from the courts, else none', () => {
    const courts = rollCall()
    const next = rollCallState({ drawId: 'draw-8', drawnAt: courts.drawnAt + 5000, count: 12 })
    expect(drawView(courts, next, 90)).toEqual({ rollCall: courts, phase: 'drawing', drawingCount: 12, target: 90 })
    expect(drawView(courts, null, null)).toEqual({ rollCall: courts, phase: 'drawn', drawingCount: courts.courts.length, target: null })
    expect(drawView(null, null, null)).toEqual({ rollCall: null, phase: 'waiting', drawingCount: 0, target: null })
  })
})

describe('playableVideoUrl', () => {
  it('plays http(s) and same-origin paths only', () => {
    expect(playableVideoUrl('https://video.example.org/a.mp4')).toBe('https://video.example.org/a.mp4')
    expect(playableVideoUrl('http://10.0.0.5/live/1.mp4')).toBe('http://10.0.0.5/live/1.mp4')
    expect(playableVideoUrl('/video/320000-basic-37.mp4')).toBe('/video/320000-basic-37.mp4')
    expect(playableVideoUrl('javascript:alert(1)')).toBeNull()
    expect(playableVideoUrl('data:video/mp4;base64,AAAA')).toBeNull()
    expect(playableVideoUrl('//evil.example/x')).toBeNull()
    expect(playableVideoUrl('not a url')).toBeNull()
    expect(playableVideoUrl('')).toBeNull()
    expect(playableVideoUrl(null)).toBeNull()
  })
})

describe('summariseDraw', () => {
  it('counts levels, courts on target and the mean rate', () => {
    const s = summariseDraw(rollCall().courts, 90)
    expect(s.byLevel).toEqual({ high: 1, intermediate: 1, basic: 1 })
    expect(s.meeting).toBe(1)
    expect(s.meanRate).toBeCloseTo((92.4 + 88.6 + 85.1) / 3, 6)
    expect(summariseDraw([], null)).toEqual({ byLevel: { high: 0, intermediate: 0, basic: 0 }, meeting: null, meanRate: null })
  })
})
