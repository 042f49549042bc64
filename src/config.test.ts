import { describe, expect, it } from 'vitest'
import wallJson from '../config/wall.json'
import { DEFAULT_CONFIG, loadWallConfig, normalizeLocale } from './config'

describe('loadWallConfig', () => {
  it('reads config/wall.json', () => {
    const config = loadWallConfig('')
    expect(config).toEqual({
      dataSource: { kind: 'websocket', url: '/feed', urls: ['/feed'] },
      staleAfterMs: wallJson.staleAfterMs,
      heartbeatTimeoutMs: 6000,
      reconnect: { baseMs: 500, maxMs: 8000, jitter: 0.3 },
      locale: 'zh-CN',
      localeOverride: false,
      profile: null,
      issues: [],
    })
  })

  it('takes ?feed=, ?profile= and ?lang= from the URL', () => {
    const config = loadWallConfig('?feed=wss://feed.example/feed&profile=wall-32x9&lang=en')
    expect(config.dataSource.url).toBe('wss://feed.example/feed')
    expect(config.profile).toBe('wall-32x9')
    expect(config.locale).toBe('en')
    expect(config.localeOverride).toBe(true)
    expect(config.issues).toEqual([])
    expect(loadWallConfig('?lang=zh').locale).toBe('zh-CN')
    expect(loadWallConfig('?lang=fr').localeOverride).toBe(false)
  })

  it('takes several hubs from ?feed=, separated by commas, in the order to try them', () => {
    const config = loadWallConfig('?feed=wss://hub-b.centre/feed,wss://hub-a.centre/feed')
    expect(config.dataSource).toMatchObject({ url: 'wss://hub-b.centre/feed', urls: ['wss://hub-b.centre/feed', 'wss://hub-a.centre/feed'] })
    expect(config.issues).toEqual([])
    const bad = loadWallConfig('?feed=wss://hub-b.centre/feed,javascript:alert(1)')
    expect(bad.dataSource.urls).toEqual(['/feed'])
    expect(bad.issues).toHaveLength(1)
  })

  it('ignores bad URL parameters, keeps the defaults and says why', () => {
    const config = loadWallConfig('?feed=javascript:alert(1)&profile=huge&lang=fr')
    expect(config.dataSource.url).toBe('/feed')
    expect(config.profile).toBeNull()
    expect(config.locale).toBe('zh-CN')
    expect(config.issues).toHaveLength(3)
    expect(loadWallConfig('?feed=//evil.example/feed').dataSource.url).toBe('/feed')
  })

  it('replaces each bad field of the file by its default, keeping the good ones', () => {
    const config = loadWallConfig('', {
      ...wallJson,
      staleAfterMs: 'soon',
      reconnect: { baseMs: 9000, maxMs: 100, jitter: 0.3 },
      defaultLocale: 'en',
    })
    expect(config.staleAfterMs).toBe(DEFAULT_CONFIG.staleAfterMs)
    expect(config.reconnect).toEqual(DEFAULT_CONFIG.reconnect)
    expect(config.locale).toBe('en')
    expect(config.issues.map(i => i.split(':')[0])).toEqual(['wall.json staleAfterMs', 'wall.json reconnect'])
  })

  it('survives a missing file', () => {
    const config = loadWallConfig('', null)
    expect(config.dataSource).toEqual(DEFAULT_CONFIG.dataSource)
    expect(config.dataSource).not.toBe(DEFAULT_CONFIG.dataSource)
    expect(config.issues.length).toBeGreaterThan(0)
  })
})

describe('normalizeLocale', () => {
  it('maps language tags to the two wall locales', () => {
    expect(normalizeLocale('zh-Hans')).toBe('zh-CN')
    expect(normalizeLocale('EN-us')).toBe('en')
    expect(normalizeLocale('de')).toBeNull()
  })
})
