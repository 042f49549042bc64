/**
 * Who may drive the wall: the holder of the control token, from an allowed origin.
 * Plain TypeScript without Node or DOM imports, so it runs on the server and in tests alike.
 */
import { SUBPROTOCOL, TOKEN_PROTOCOL_PREFIX, VIEW_PROTOCOL_PREFIX } from '~/protocol/commands'

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
 * - `same-origin` in `allowed`: the Origin's scheme is the server's own (`http:`, or `https:` with TLS)
 *   and its host:port equals the Host header (default ports ignored).
 * - `*` in `allowed`: any origin.
 * - otherwise the Origin must equal one of `allowed` exactly (scheme, host, port; case and default
 *   ports normalised). An opaque origin (`null`: sandboxed frames, files) is allowed only if listed as 'null'.
 */
export function checkOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[], scheme: 'http:' | 'https:' = 'http:'): boolean {
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
    const hostPort = port === undefined || port === DEFAULT_PORT[scheme] ? hostName : `${hostName}:${port}`
    if (url.protocol === scheme && url.host === hostPort)
      return true
  }
  return allowed.some(entry => entry !== SAME_ORIGIN && normalizedOrigin(entry) === normalized)
}

/** Where a connection's token came from. */
export interface GivenToken {
  token: string
  via: 'protocol' | 'query'
}

/**
 * The token of an upgrade request: the `<prefix><token>` sub-protocol first (the primary transport:
 * it stays out of URLs and access logs), else the query parameter. Null when neither is there.
 * Control: prefix 'token.', query `token`; a wall's viewer token: prefix 'view.', query `view`.
 */
export function tokenFromUpgrade(url: URL, protocolHeader: string | undefined, prefix = TOKEN_PROTOCOL_PREFIX, query = 'token'): GivenToken | null {
  if (protocolHeader) {
    for (const offered of protocolHeader.split(',')) {
      const protocol = offered.trim()
      if (protocol.startsWith(prefix))
        return { token: protocol.slice(prefix.length), via: 'protocol' }
    }
  }
  const fromQuery = url.searchParams.get(query)
  return fromQuery === null ? null : { token: fromQuery, via: 'query' }
}

/** The viewer token of a /feed upgrade (`view.<token>` sub-protocol, else `?view=`). */
export function viewTokenFromUpgrade(url: URL, protocolHeader: string | undefined): GivenToken | null {
  return tokenFromUpgrade(url, protocolHeader, VIEW_PROTOCOL_PREFIX, 'view')
}

/**
 * The sub-protocol the server answers with: SUBPROTOCOL when offered, else none. A token offered as a
 * sub-protocol is never selected: that would echo it in the response headers. A browser that offered
 * only a token fails the handshake, which is right: it is not one of ours.
 */
export function selectProtocol(offered: ReadonlySet<string>): string | false {
  return offered.has(SUBPROTOCOL) ? SUBPROTOCOL : false
}

/**
 * Is the Host header one of the server's own names or addresses? A page on a rebound DNS name
 * (evil.example resolving to the centre's server) sends Host and Origin that match each other, so
 * the origin check alone lets it through; this does not. `own` holds lower-case names and addresses.
 */
export function isOwnHost(host: string | undefined, own: ReadonlySet<string>): boolean {
  if (!host)
    return false
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')
  return own.has(name)
}
