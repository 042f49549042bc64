import { describe, expect, it } from 'vitest'
import { CONTROL_SUBPROTOCOL, controlProtocols, viewProtocols } from '~/protocol/commands'
import { checkOrigin, checkToken, generateToken, isOwnHost, selectProtocol, tokenFromUpgrade, viewTokenFromUpgrade } from './auth'

describe('checkToken', () => {
  const expected = 'Zm9vYmFyYmF6cXV4LXRva2VuLTAxMjM0NTY3ODk'
  it('accepts exactly the expected token', () => {
    expect(checkToken(expected, expected)).toBe(true)
  })
  it('refuses a wrong, shorter, longer, empty or missing token', () => {
    expect(checkToken(expected, `${expected.slice(0, -1)}X`)).toBe(false)
    expect(checkToken(expected, expected.slice(0, -1))).toBe(false)
    expect(checkToken(expected, `${expected}A`)).toBe(false)
    expect(checkToken(expected, '')).toBe(false)
    expect(checkToken(expected, null)).toBe(false)
    expect(checkToken(expected, undefined)).toBe(false)
  })
  it('never matches when no token is expected', () => {
    expect(checkToken('', '')).toBe(false)
  })
  it('is not fooled by a prefix padded with NUL characters', () => {
    expect(checkToken('abc', 'ab\u0000')).toBe(false)
    expect(checkToken('ab\u0000', 'ab')).toBe(false)
  })
})

describe('generateToken', () => {
  it('makes distinct 43-character base64url tokens', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateToken()))
    expect(tokens.size).toBe(50)
    for (const token of tokens)
      expect(token).toMatch(/^[\w-]{43}$/)
  })
})

describe('checkOrigin', () => {
  const same = ['same-origin']
  it('same-origin: Origin host equals the Host header', () => {
    expect(checkOrigin('http://127.0.0.1:8080', '127.0.0.1:8080', same)).toBe(true)
    expect(checkOrigin('http://WALL.example:8080', 'wall.example:8080', same)).toBe(true)
    expect(checkOrigin('http://evil.example:8080', '127.0.0.1:8080', same)).toBe(false)
    expect(checkOrigin('http://127.0.0.1:5173', '127.0.0.1:8080', same)).toBe(false)
  })
  it('same-origin ignores default ports written in the Host header', () => {
    expect(checkOrigin('https://wall.example', 'wall.example:443', same, 'https:')).toBe(true)
    expect(checkOrigin('http://wall.example', 'wall.example:80', same)).toBe(true)
    expect(checkOrigin('https://wall.example', 'wall.example:80', same)).toBe(false)
  })
  it('exact origins from the configuration', () => {
    const allowed = ['https://tablet.example', 'same-origin']
    expect(checkOrigin('https://tablet.example', 'wall:8080', allowed)).toBe(true)
    expect(checkOrigin('https://tablet.example:443', 'wall:8080', allowed)).toBe(true)
    expect(checkOrigin('http://tablet.example', 'wall:8080', allowed)).toBe(false)
    expect(checkOrigin('https://tablet.example.evil', 'wall:8080', allowed)).toBe(false)
  })
  it('a missing Origin (not a browser) is left to the token', () => {
    expect(checkOrigin(undefined, '127.0.0.1:8080', same)).toBe(true)
  })
  it('the opaque origin null and garbage are refused unless listed', () => {
    expect(checkOrigin('null', '127.0.0.1:8080', same)).toBe(false)
    expect(checkOrigin('null', '127.0.0.1:8080', ['null'])).toBe(true)
    expect(checkOrigin('not a url', '127.0.0.1:8080', same)).toBe(false)
  })
  it('* allows any origin', () => {
    expect(checkOrigin('https://anywhere.example', 'x', ['*'])).toBe(true)
  })
  it('an empty list allows no browser at all', () => {
    expect(checkOrigin('http://127.0.0.1:8080', '127.0.0.1:8080', [])).toBe(false)
  })
})

describe('tokenFromUpgrade / selectProtocol', () => {
  const url = (query = '') => new URL(`http://h/control-feed${query}`)
  it('reads the token sub-protocol first', () => {
    expect(tokenFromUpgrade(url('?token=q'), controlProtocols('abc').join(', '))).toEqual({ token: 'abc', via: 'protocol' })
  })
  it('falls back to the query parameter', () => {
    expect(tokenFromUpgrade(url('?token=q%20r'), CONTROL_SUBPROTOCOL)).toEqual({ token: 'q r', via: 'query' })
    expect(tokenFromUpgrade(url(), undefined)).toBeNull()
  })
  it('answers with command-wall, never with a token', () => {
    expect(selectProtocol(new Set(controlProtocols('abc')))).toBe('command-wall')
    expect(selectProtocol(new Set(viewProtocols('abc')))).toBe('command-wall')
    expect(selectProtocol(new Set(['other', 'token.abc']))).toBe(false)
    expect(selectProtocol(new Set(['token.abc']))).toBe(false)
    expect(selectProtocol(new Set(['view.abc']))).toBe(false)
    expect(selectProtocol(new Set())).toBe(false)
  })
  it('reads a viewer token from view.<token>, else ?view=', () => {
    expect(viewTokenFromUpgrade(url('?view=q'), viewProtocols('abc').join(', '))).toEqual({ token: 'abc', via: 'protocol' })
    expect(viewTokenFromUpgrade(url('?view=q'), controlProtocols('abc').join(', '))).toEqual({ token: 'q', via: 'query' })
    expect(viewTokenFromUpgrade(url(), 'command-wall')).toBeNull()
  })
})

describe('origin scheme and DNS rebinding', () => {
  it('same-origin compares the scheme as well as host and port', () => {
    expect(checkOrigin('https://wall.court:8080', 'wall.court:8080', ['same-origin'])).toBe(false)
    expect(checkOrigin('https://wall.court:8080', 'wall.court:8080', ['same-origin'], 'https:')).toBe(true)
    expect(checkOrigin('http://wall.court:8080', 'wall.court:8080', ['same-origin'], 'https:')).toBe(false)
    expect(checkOrigin('https://wall.court', 'wall.court', ['same-origin'], 'https:')).toBe(true)
    expect(checkOrigin('https://wall.court', 'wall.court:443', ['same-origin'], 'https:')).toBe(true)
  })
  it('a Host that is not one of the server\'s own names is not its own', () => {
    const own = new Set(['localhost', '127.0.0.1', '::1', 'wall-server'])
    expect(isOwnHost('127.0.0.1:8080', own)).toBe(true)
    expect(isOwnHost('[::1]:8080', own)).toBe(true)
    expect(isOwnHost('WALL-SERVER', own)).toBe(true)
    expect(isOwnHost('evil.example:8080', own)).toBe(false)
    expect(isOwnHost(undefined, own)).toBe(false)
  })
})
