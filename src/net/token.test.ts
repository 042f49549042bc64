import { describe, expect, it } from 'vitest'
import { controlProtocols, SUBPROTOCOL, viewProtocols } from '~/protocol'
import { takeQueryToken, tokenTarget, type TokenWindow } from './token'

function fakeWindow(href: string, stored: Record<string, string> = {}): TokenWindow & { storage: Map<string, string> } {
  const storage = new Map(Object.entries(stored))
  return {
    storage,
    location: {
      get href() {
        return href
      },
    },
    history: {
      state: null,
      replaceState(_data: unknown, _unused: string, url?: string | URL | null) {
        href = new URL(String(url), href).href
      },
    },
    sessionStorage: {
      getItem: key => storage.get(key) ?? null,
      setItem: (key, value) => {
        storage.set(key, value)
      },
    },
  }
}

describe('takeQueryToken', () => {
  it('takes the named parameter once, keeps it for the tab and clears it from the address', () => {
    const win = fakeWindow('https://wall.test/wall?view=abc&profile=x#top')
    expect(takeQueryToken(win, 'view', 'key')).toBe('abc')
    expect(win.location.href).toBe('https://wall.test/wall?profile=x#top')
    expect(win.storage.get('key')).toBe('abc')
    expect(takeQueryToken(win, 'view', 'key')).toBe('abc')
    expect(takeQueryToken(fakeWindow('https://wall.test/wall?token=abc'), 'view', 'key')).toBeNull()
  })
})

describe('tokenTarget', () => {
  it('offers a safe token as a sub-protocol, any other in the query, and the bare protocols without one', () => {
    const url = 'wss://wall.test/feed'
    expect(tokenTarget(url, null, { protocols: viewProtocols, param: 'view' })).toEqual({ url })
    expect(tokenTarget(url, '', { protocols: controlProtocols, param: 'token', bare: [SUBPROTOCOL] })).toEqual({ url, protocols: [SUBPROTOCOL] })
    expect(tokenTarget(url, 'abc', { protocols: viewProtocols, param: 'view' })).toEqual({ url, protocols: viewProtocols('abc') })
    expect(tokenTarget(url, 'a b/c', { protocols: controlProtocols, param: 'token' }))
      .toEqual({ url: 'wss://wall.test/feed?token=a+b%2Fc', protocols: [SUBPROTOCOL] })
  })
})
