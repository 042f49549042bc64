// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { FEED_URL, useFeedHub } from '~/test/feed-hub'
import { feedTarget, takeViewToken, type ViewTokenWindow } from './websocket'

const hub = useFeedHub({ start: false })

function fakeWindow(href: string) {
  const storage = new Map<string, string>()
  const win: ViewTokenWindow & { replaced: string[], storage: Map<string, string> } = {
    location: { href },
    history: {
      state: { router: 1 },
      replaceState(_state: unknown, _title: string, url?: string | URL | null) {
        win.replaced.push(String(url))
      },
    },
    sessionStorage: {
      getItem: key => storage.get(key) ?? null,
      setItem: (key, value) => {
        storage.set(key, value)
      },
    },
    replaced: [],
    storage,
  }
  return win
}

describe('the wall\'s viewer token', () => {
  it('takes ?view= once, keeps it for the tab and removes only it from the address bar', () => {
    const win = fakeWindow('http://wall.court/wall?profile=wall-32x9&view=s3cret&lang=en#x')
    expect(takeViewToken(win)).toBe('s3cret')
    expect(win.replaced).toEqual(['/wall?profile=wall-32x9&lang=en#x'])
    const reloaded = { ...win, location: { href: 'http://wall.court/wall?profile=wall-32x9&lang=en' } }
    expect(takeViewToken(reloaded)).toBe('s3cret')
    expect(takeViewToken(fakeWindow('http://wall.court/wall'))).toBeNull()
    expect(takeViewToken(undefined)).toBeNull()
  })

  it('offers command-wall and view.<token> as sub-protocols, else ?view= for a token they cannot carry', () => {
    expect(feedTarget('ws://h/feed', null)).toEqual({ url: 'ws://h/feed' })
    expect(feedTarget('ws://h/feed', 'abc-123')).toEqual({ url: 'ws://h/feed', protocols: ['command-wall', 'view.abc-123'] })
    expect(feedTarget('ws://h/feed', 'a b/c')).toEqual({ url: 'ws://h/feed?view=a+b%2Fc', protocols: ['command-wall'] })
  })

  it('connects with the token as a sub-protocol, never in the URL', async () => {
    await hub.start({ dataSource: { url: '/feed', location: { href: 'http://wall.test/wall' }, viewToken: 'abc-123' } })
    expect(hub.connections).toEqual([{ url: FEED_URL, protocols: ['command-wall', 'view.abc-123'], closed: null }])
  })
})
