/**
 * The two tokens a browser brings to the server, the wall's viewer token (`?view=`, WALL_VIEW_TOKEN)
 * and the operator's control token (`?token=`, WALL_CONTROL_TOKEN), travel the same way: taken
 * from the address once, kept in this tab's sessionStorage, removed from the address bar, and
 * offered as a WebSocket sub-protocol, or as a query parameter when the sub-protocol cannot carry it.
 */
import { SUBPROTOCOL } from '~/protocol'

/** The browser globals a token is read from and kept in; a test passes its own. */
export interface TokenWindow {
  location: Pick<Location, 'href'>
  history: Pick<History, 'replaceState' | 'state'>
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>
}

/**
 * The token from `?<param>=`, else from this tab's storage; the query parameter is stored and removed
 * from the address bar, so it is neither bookmarked nor shown on a wall. Null when there is none.
 */
export function takeQueryToken(win: TokenWindow | undefined, param: string, storageKey: string): string | null {
  if (!win)
    return null
  const url = new URL(win.location.href)
  const fromQuery = url.searchParams.get(param)
  if (fromQuery !== null) {
    url.searchParams.delete(param)
    // Keep the router's history state: only the address changes.
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`)
    if (fromQuery !== '') {
      try {
        win.sessionStorage.setItem(storageKey, fromQuery)
      }
      catch {
        // Storage can be off (private mode, policy); the token still works until the tab closes.
      }
      return fromQuery
    }
  }
  try {
    return win.sessionStorage.getItem(storageKey) || null
  }
  catch {
    return null
  }
}

// A sub-protocol is an HTTP token; a token with other characters travels as a query parameter
// instead (the server accepts both), because the browser would throw on the sub-protocol.
const SUBPROTOCOL_SAFE = /^[!#$%&'*+\-.^\w`|~]+$/

export interface TokenTargetOptions {
  /** the sub-protocols that carry a token, e.g. viewProtocols */
  protocols: (token: string) => string[]
  /** the query parameter that carries a token the sub-protocol cannot */
  param: string
  /** what to offer without a token; undefined offers no sub-protocol at all */
  bare?: string[]
}

/** Where and how to open a socket at the resolved ws(s):// `url` with `token`. */
export function tokenTarget(url: string, token: string | null | undefined, options: TokenTargetOptions): { url: string, protocols?: string[] } {
  if (!token)
    return options.bare ? { url, protocols: options.bare } : { url }
  if (SUBPROTOCOL_SAFE.test(token))
    return { url, protocols: options.protocols(token) }
  const withToken = new URL(url)
  withToken.searchParams.set(options.param, token)
  return { url: withToken.href, protocols: [SUBPROTOCOL] }
}
