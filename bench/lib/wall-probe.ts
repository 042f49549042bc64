/**
 * What a wall shows right now, read from its DOM contract (e2e/harness.ts, the common attributes),
 * plus the two things the DOM does not say: how many WebGL contexts the page holds, and how often
 * the 3D panel redrew. Cheap enough to read every couple of seconds for an hour.
 */
import type { Page } from 'playwright-core'

/**
 * Init script (runs before the app). It counts, without changing anything the wall does:
 * - feed frames per topic, from a first 'message' listener on every /feed socket (the envelope's
 *   topic is read from the frame's head with a regex, as MARK_FEED_MESSAGES does; only the rare
 *   snapshot is parsed), so a visit can tell whether its page's data arrived while it was shown;
 * - every `[data-screen]` root inserted, with its time: when a page really appeared;
 * - WebGL contexts as they are made and lost (getContext is wrapped, never changed);
 * - every `data-redraw-ms` the 3D panel writes: its data redraws, the one sign of fresh data on a
 *   page that is all canvas.
 */
export const WALL_PROBE = `(() => {
  if (window.__wallProbe) return
  const probe = { redraws: 0, glCreated: 0, glLost: 0, glCanvases: [], topics: {}, mounts: [] }
  window.__wallProbe = probe
  const arrived = (topic) => { probe.topics[topic] = (probe.topics[topic] || 0) + 1 }
  const Native = window.WebSocket
  class ProbedWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols)
      if (!String(url).includes('/feed'))
        return
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string')
          return
        const head = event.data.slice(0, 200)
        const topic = /"topic":"([\\w.]+)"/.exec(head)?.[1]
        if (topic) {
          arrived(topic)
        }
        else if (/"type":"snapshot"/.test(head)) {
          try { Object.keys(JSON.parse(event.data).topics || {}).forEach(arrived) }
          catch {}
        }
      })
    }
  }
  window.WebSocket = ProbedWebSocket
  const seen = new WeakSet()
  const getContext = HTMLCanvasElement.prototype.getContext
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const context = getContext.call(this, type, ...rest)
    if (context && typeof type === 'string' && type.includes('webgl') && !seen.has(this)) {
      seen.add(this)
      probe.glCreated++
      probe.glCanvases.push(new WeakRef(this))
      // a context given up on a canvas outside the document is a released one (the page's WebGL
      // probe, a disposed map), not a loss
      this.addEventListener('webglcontextlost', function () { if (this.isConnected) probe.glLost++ })
    }
    return context
  }
  new MutationObserver((records) => {
    const at = Date.now()
    for (const record of records) {
      if (record.type === 'attributes') {
        if (record.attributeName === 'data-redraw-ms' && record.target.getAttribute('data-redraw-ms'))
          probe.redraws++
        // a page kept mounted out of sight is shown: for the room, it appears now
        else if (record.attributeName === 'data-shown' && record.target.getAttribute('data-shown') === 'true' && probe.mounts.length < 1000) {
          const root = record.target.querySelector('[data-screen]')
          if (root)
            probe.mounts.push({ id: root.getAttribute('data-screen'), at })
        }
        continue
      }
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || probe.mounts.length >= 1000)
          continue
        // a page root inserted, or a page slot inserted shown (a page made on demand); not one made out of sight
        const root = node.hasAttribute('data-screen') ? node : node.getAttribute('data-shown') === 'true' ? node.querySelector('[data-screen]') : null
        if (root && root.closest('[data-shown="false"]') === null)
          probe.mounts.push({ id: root.getAttribute('data-screen'), at })
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-redraw-ms', 'data-shown'] })
})()`

/** One look at the wall. */
export interface WallView {
  /** Date.now() in the page (the same clock as Node's on one machine) */
  at: number
  /** ids of every `[data-screen]` root in the DOM (one, except mid-switch) */
  screens: string[]
  /** the visible text of the first screen root, stale marks and clocks taken out (they tick on their own) */
  text: string
  /** the shell's `data-page`: what the wall's navigation decided */
  shellPage: string | null
  blackout: boolean
  /** the wall runs a local override and ignores the server */
  local: boolean
  /** `data-status` of the header's connection badge */
  badge: string | null
  /** panel ids showing their waiting state */
  waiting: string[]
  /** panel ids showing a stale mark */
  stale: string[]
  /** window.__wall.feed.rejections.total */
  rejections: number | null
  canvases: number
  /** WebGL contexts made so far, lost so far, and those whose canvas is in the document / detached but not yet collected */
  gl: { created: number, lost: number, attached: number, detached: number }
  /** data redraws the 3D panel reported so far */
  redraws: number
  /** feed frames received so far, per topic (a snapshot counts for each of its topics) */
  topics: Record<string, number>
  /** page roots inserted since the previous read, with the page's Date.now() */
  mounts: { id: string, at: number }[]
}

export async function readWallView(page: Page): Promise<WallView> {
  return page.evaluate(() => {
    // the page on screen: the wall keeps other pages mounted out of sight (data-shown="false")
    const slots = document.querySelector('.wall-page') !== null
    const roots = [...document.querySelectorAll<HTMLElement>(slots ? '[data-shown="true"] [data-screen]' : '[data-screen]')]
    const root = roots[0]
    let text = root?.innerText ?? ''
    // stale marks and clocks ([data-clock]: a countdown, a time since) tick on their own, not with the data
    for (const mark of root?.querySelectorAll<HTMLElement>('[data-testid="stale-mark"], [data-clock]') ?? [])
      text = text.replace(mark.innerText, '')
    const scope = slots ? '.wall-page[data-shown="true"] ' : ''
    const panelsWith = (selector: string): string[] => [...document.querySelectorAll(`${scope}${selector}`)]
      .map(el => el.closest('[data-panel]')?.getAttribute('data-panel') ?? '?')
    const shell = document.querySelector('[data-blackout]')
    const w = window as unknown as {
      __wall?: { feed?: { rejections?: { total?: unknown } } }
      __wallProbe?: {
        redraws: number
        glCreated: number
        glLost: number
        glCanvases: WeakRef<HTMLCanvasElement>[]
        topics: Record<string, number>
        mounts: { id: string, at: number }[]
      }
    }
    const probe = w.__wallProbe
    const mounts = probe?.mounts ?? []
    if (probe)
      probe.mounts = []
    const alive = (probe?.glCanvases ?? []).map(ref => ref.deref()).filter((canvas): canvas is HTMLCanvasElement => canvas !== undefined)
    if (probe)
      probe.glCanvases = alive.map(canvas => new WeakRef(canvas))
    const rejections = w.__wall?.feed?.rejections?.total
    return {
      at: Date.now(),
      screens: roots.map(el => el.getAttribute('data-screen') ?? '?'),
      text,
      shellPage: shell?.getAttribute('data-page') ?? null,
      blackout: shell?.getAttribute('data-blackout') === 'true',
      local: shell?.getAttribute('data-local') === 'true',
      badge: document.querySelector('[data-testid="connection-badge"]')?.getAttribute('data-status') ?? null,
      waiting: panelsWith('[data-testid="panel-waiting"]'),
      stale: panelsWith('[data-testid="stale-mark"]'),
      rejections: typeof rejections === 'number' ? rejections : null,
      canvases: document.getElementsByTagName('canvas').length,
      gl: {
        created: probe?.glCreated ?? 0,
        lost: probe?.glLost ?? 0,
        attached: alive.filter(canvas => canvas.isConnected).length,
        detached: alive.filter(canvas => !canvas.isConnected).length,
      },
      redraws: probe?.redraws ?? 0,
      topics: { ...probe?.topics },
      mounts,
    }
  })
}

/** Renderer-wide counts from the DevTools protocol; right after a forced GC they count what is really kept. */
export interface DomCounters {
  documents: number
  /** DOM nodes alive in the renderer, detached ones included */
  nodes: number
  jsEventListeners: number
  /** elements in the document */
  elements: number
  /** nodes of every kind in the document (text and comments too) */
  inDocument: number
  /** nodes alive but in no document: `nodes` − `inDocument`, after GC what something still holds */
  detached: number
}

export async function domCounters(page: Page): Promise<DomCounters> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const counters = await cdp.send('Memory.getDOMCounters')
    const { elements, inDocument } = await page.evaluate(() => {
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL)
      let count = 1
      while (walker.nextNode())
        count++
      return { elements: document.getElementsByTagName('*').length, inDocument: count }
    })
    return { documents: counters.documents, nodes: counters.nodes, jsEventListeners: counters.jsEventListeners, elements, inDocument, detached: Math.max(0, counters.nodes - inDocument) }
  }
  finally {
    await cdp.detach()
  }
}
