/**
 * Who may drive the wall: the holder of the control token, from an allowed origin.
 * Plain TypeScript without Node or DOM imports, so it runs on the server and in tests alike.
 */
import { CONTROL_SUBPROTOCOL, TOKEN_PROTOCOL_PREFIX } from '~/protocol/commands'

/**
 * Compare a given token with the expected one in time that depends only on the expected token's
 * length, never on where the two first differ. An empty expected token matches nothing.
 */
export function checkToken(expected: string, given: string | null | undefined): boolean {
  if (expected.length === 0 || typeof given !== 'string')
    return false
  let diff = expected.length ^ given.length
  for (let i = 0; i < expected.length; i++)
    diff |= expected.charCodeAt(i) ^ (given.charCodeAt(i) | 0) // NaN past the end of `given` becomes 0
  return diff === 0
}

/** A fresh random token: 32 bytes from the platform's CSPRNG, base64url (43 characters). */
export function generateToken(bytes = 32): string {
  const raw = new Uint8Array(bytes)
  globalThis.crypto.getRandomValues(raw)
  let binary = ''
  for (const byte of raw)
    binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The configuration keyword for "the page was served by this server". */
export const SAME_ORIGIN = 'same-origin'
/** The configuration keyword for "any origin" (the token alone guards). */
export const ANY_ORIGIN = '*'

function normalizedOrigin(origin: string): string | null {
  try {
    const url = new URL(origin)
    return url.origin === 'null' ? null : url.origin
  }
  catch {
    return null
  }
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' }

/**
 * May a browser page from `origin` open the control channel?
 *
 * - No Origin header: allowed. Browsers always send Origin on a WebSocket upgrade, so its absence
 *   means a non-browser client (a script, a test), which could send any Origin it liked anyway;
 *   such a client still needs the token. The Origin check exists against other web pages using
 *   an operator's browser (cross-site WebSocket hijacking), not against scripts.
 * - `same-origin` in `allowed`: the Origin's host:port equals the Host header (default ports ignored).
 * - `*` in `allowed`: any origin.
 * - otherwise the Origin must equal one of `allowed` exactly (scheme, host, port; case and default
 *   ports normalised). An opaque origin (`null`: sandboxed frames, files) is allowed only if listed as 'null'.
 */
export function checkOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined || origin === '')
    return true
  if (allowed.includes(ANY_ORIGIN))
    return true
  if (origin === 'null')
    return allowed.includes('null')
  const normalized = normalizedOrigin(origin)
  if (normalized === null)
    return false
  if (allowed.includes(SAME_ORIGIN) && host) {
    const url = new URL(normalized)
    const [hostName, port] = host.toLowerCase().split(/:(?=\d+$)/)
    const hostPort = port === undefined || port === DEFAULT_PORT[url.protocol] ? hostName : `${hostName}:${port}`
    if (url.host === hostPort)
      return true
  }
  return allowed.some(entry => entry !== SAME_ORIGIN && normalizedOrigin(entry) === normalized)
}

/** Where a control connection's token came from. */
export interface GivenToken {
  token: string
  via: 'protocol' | 'query'
}

/**
 * The token of an upgrade request: the `token.<token>` sub-protocol first (the primary transport:
 * it stays out of URLs and access logs), else the `token` query parameter. Null when neither is there.
 */
export function tokenFromUpgrade(url: URL, protocolHeader: string | undefined): GivenToken | null {
  if (protocolHeader) {
    for (const offered of protocolHeader.split(',')) {
      const protocol = offered.trim()
      if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX))
        return { token: protocol.slice(TOKEN_PROTOCOL_PREFIX.length), via: 'protocol' }
    }
  }
  const query = url.searchParams.get('token')
  return query === null ? null : { token: query, via: 'query' }
}

/**
 * The sub-protocol the server answers with: ours when offered, else the first other one, else the
 * token protocol itself (echoed only to the client that sent it). Answering at all matters: a browser
 * that offered sub-protocols fails the handshake without one — and then never sees the close code
 * that says why it was refused.
 */
export function selectProtocol(offered: ReadonlySet<string>): string | false {
  if (offered.has(CONTROL_SUBPROTOCOL))
    return CONTROL_SUBPROTOCOL
  const all = [...offered]
  return all.find(protocol => !protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) ?? all[0] ?? false
}
