/**
 * The 3D page in real Chromium: echarts-gl on SwiftShader (software WebGL, as on this GPU-less
 * machine), put on the wall from the control terminal. It draws in 3D, survives a lost WebGL
 * context by building the chart again, turns with the terminal's rotation switch, and without
 * WebGL shows the 2D map instead — without ever downloading echarts-gl.
 *
 * A WebGL canvas keeps no drawing buffer between frames (preserveDrawingBuffer is off), so reading
 * its pixels back from the page says nothing; what was drawn is judged from screenshots, which
 * the compositor takes, and from the panel's own status attributes.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  assertNoConsoleErrors,
  CHROMIUM_ARGS,
  type DeviceBrowser,
  launchDevices,
  NAME_SHIM,
  openTerminal,
  openWall,
  ROOT,
  screenshot,
  startServer,
  waitFor,
  waitForLive,
  type ServerHandle,
  type WallPage,
} from './harness.ts'

const TOKEN = 'e2e-map3d-token-0123456789abcdef'
/** Software WebGL redraws in seconds at 7680 px; the 3D behaviour is the same at 1920. */
const WALL = { width: 1920, height: 1080 }
const TABLET = { width: 1280, height: 800 }
/** echarts-gl is a lazy chunk and SwiftShader builds the first scene slowly on a busy machine. */
const READY_TIMEOUT_MS = 90_000
const ANSWER_TIMEOUT_MS = 10_000
/** Without WebGL; either switch alone turns it off in this Chromium (checked in the test). */
const NO_WEBGL_ARGS = [...CHROMIUM_ARGS, '--disable-webgl', '--disable-3d-apis']
const PANEL = '[data-screen="map3d"] [data-panel="map3d"]'
/**
 * Share of the chart's pixels that change. Turning at 3°/s moves far more than TURNED within
 * seconds; standing, two pictures in a row differ by less than STOOD (measured: under 0.5 %),
 * while even one second of turning changes a few per cent.
 */
const TURNED = 0.05
const STOOD = 0.01

/**
 * The built echarts-gl chunks, found by what is in them (its shader library names its shaders
 * 'ecgl.<name>'), so a renamed chunk is still recognised. The 3D page's own chunk only names the
 * '.ecgl-nowebgl' class.
 */
function echartsGlChunks(): string[] {
  const dir = join(ROOT, 'dist', 'assets')
  return readdirSync(dir).filter(name => name.endsWith('.js') && /ecgl\.[a-z]/i.test(readFileSync(join(dir, name), 'utf8')))
}

/** Every script file a page asks for, by file name. */
function watchScripts(page: Page): string[] {
  const names: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.endsWith('.js'))
      names.push(basename(url.pathname))
  })
  return names
}

let server: ServerHandle
let devices: DeviceBrowser
let wall: WallPage
let control: WallPage
let glChunks: string[]
/** script files the wall asked for */
let wallScripts: string[] = []

function panel(page: Page): Locator {
  return page.locator(PANEL).first()
}

async function attribute(page: Page, name: string): Promise<string | null> {
  return panel(page).getAttribute(name, { timeout: 10_000 })
}

/** Colours and contrast of the chart's area: a drawn map has many of both, an empty dark panel few. */
interface PictureStats {
  colours: number
  /** standard deviation of luminance, 0–255 */
  spread: number
  /** share of sampled pixels that differ from `other`, when given */
  changed: number | null
}

/** A screenshot of the wall and where the chart sits on it. */
interface Picture {
  png: Buffer
  /** the chart's box in the picture (device pixels: the scale factor is 1) */
  box: { x: number, y: number, width: number, height: number }
}

/**
 * The whole wall as a picture, saved under e2e/artifacts/ when named. One screenshot serves the
 * artifact and the measurement: on software WebGL every screenshot waits for a frame of seconds.
 */
async function wallPicture(page: Page, name?: string): Promise<Picture> {
  const box = await panel(page).evaluate((element) => {
    const canvases = [...element.querySelectorAll('canvas')].filter(canvas => canvas.width > 0 && canvas.height > 0)
    const biggest = canvases.sort((a, b) => b.width * b.height - a.width * a.height)[0]
    const r = (biggest ?? element).getBoundingClientRect()
    return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) }
  })
  expect(box.width * box.height, 'the chart has an area').toBeGreaterThan(0)
  const png = name ? readFileSync(await screenshot(page, name)) : await page.screenshot({ timeout: 60_000, animations: 'allow' })
  return { png, box }
}

/** Decode in a scratch page (no PNG decoder among this project's dependencies) and measure the chart's box. */
async function pictureStats(picture: Picture, other?: Picture): Promise<PictureStats> {
  const page = await control.page.context().newPage()
  try {
    await page.evaluate(NAME_SHIM)
    return await page.evaluate(async ({ first, second, box }) => {
      async function pixels(b64: string): Promise<Uint8ClampedArray> {
        const image = new Image()
        image.src = `data:image/png;base64,${b64}`
        await image.decode()
        const canvas = document.createElement('canvas')
        canvas.width = box.width
        canvas.height = box.height
        const context = canvas.getContext('2d')
        if (!context)
          throw new Error('no 2D canvas to decode into')
        context.drawImage(image, -box.x, -box.y)
        return context.getImageData(0, 0, box.width, box.height).data
      }
      const a = await pixels(first)
      const b = second ? await pixels(second) : null
      const colours = new Set<number>()
      let sum = 0
      let sumSquares = 0
      let samples = 0
      let changed = 0
      const step = Math.max(1, Math.floor(Math.min(box.width, box.height) / 200))
      for (let y = 0; y < box.height; y += step) {
        for (let x = 0; x < box.width; x += step) {
          const i = (y * box.width + x) * 4
          const [r, g, bl] = [a[i] ?? 0, a[i + 1] ?? 0, a[i + 2] ?? 0]
          colours.add((r >> 4) << 8 | (g >> 4) << 4 | (bl >> 4))
          const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * bl
          sum += luminance
          sumSquares += luminance * luminance
          samples++
          if (b && Math.abs(r - (b[i] ?? 0)) + Math.abs(g - (b[i + 1] ?? 0)) + Math.abs(bl - (b[i + 2] ?? 0)) > 24)
            changed++
        }
      }
      const mean = sum / samples
      return {
        colours: colours.size,
        spread: Math.sqrt(Math.max(0, sumSquares / samples - mean * mean)),
        changed: b ? changed / samples : null,
      }
    }, { first: picture.png.toString('base64'), second: other?.png.toString('base64') ?? null, box: picture.box })
  }
  finally {
    await page.close()
  }
}

/** Wait until the chart's area shows a drawn map (many colours, real contrast); the last picture is saved as `name`. */
async function waitForDrawnMap(page: Page, name: string): Promise<PictureStats> {
  let last: PictureStats | null = null
  return waitFor(async () => {
    last = await pictureStats(await wallPicture(page, name))
    return last.colours >= 24 && last.spread >= 8 ? last : null
  }, { timeoutMs: 60_000, intervalMs: 500, what: `${name}: a drawn map` })
    .catch(() => { throw new Error(`${name}: the chart area looks empty: ${JSON.stringify(last)}`) })
}

/** The WebGL state of the canvases in the panel (a canvas with a 2D context reports none). */
async function webglCanvases(page: Page): Promise<{ marked: boolean, lost: boolean }[]> {
  return panel(page).evaluate(element => [...element.querySelectorAll('canvas')].flatMap((canvas) => {
    // A canvas that already has a context of one kind answers null for the others; none here is fresh.
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null
    return gl ? [{ marked: canvas.hasAttribute('data-e2e-lost'), lost: gl.isContextLost() }] : []
  }))
}

beforeAll(async () => {
  glChunks = echartsGlChunks()
  server = await startServer({ env: { WALL_CONTROL_TOKEN: TOKEN } })
  devices = await launchDevices()
  wall = await openWall(await devices.newContext(WALL, false), server.url, { ...WALL, beforeGoto: (page) => { wallScripts = watchScripts(page) } })
  control = await openTerminal(await devices.newContext(TABLET, true), server.url, TOKEN, TABLET, { ready: '[data-testid="control-page"][data-page="map3d"]' })
  await waitForLive(wall.page)
}, 180_000)

afterAll(async () => {
  await devices?.close()
  await server?.dispose()
})

describe('the 3D page', () => {
  it('draws China in 3D on software WebGL, loading echarts-gl only with the page', async () => {
    expect(glChunks.length, 'echarts-gl chunks in dist/assets').toBeGreaterThan(0)
    // The overview is up and echarts-gl has not been fetched for it.
    expect(wallScripts.filter(name => glChunks.includes(name))).toEqual([])

    const tile = control.page.locator('[data-testid="control-page"][data-page="map3d"]')
    await tile.tap()
    await wall.page.locator(`${PANEL}[data-ready="true"]`).first().waitFor({ state: 'attached', timeout: READY_TIMEOUT_MS })
    await waitFor(async () => await tile.getAttribute('data-current') === 'true', { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the map3d tile to be marked current' })
    expect(await attribute(wall.page, 'data-mode')).toBe('3d')
    expect(await attribute(wall.page, 'data-stale')).toBe('false')
    expect(await wall.page.locator(`${PANEL} [data-testid="map3d-fallback-note"]`).count()).toBe(0)
    // The first scene finished drawing.
    await waitFor(async () => /^\d+$/.test(await attribute(wall.page, 'data-redraw-ms') ?? ''), { timeoutMs: READY_TIMEOUT_MS, what: 'the first 3D draw to finish' })

    expect(wallScripts.filter(name => glChunks.includes(name)).length, `echarts-gl chunks fetched (${glChunks.join(', ')})`).toBeGreaterThan(0)
    const canvases = await webglCanvases(wall.page)
    expect(canvases.length, 'a WebGL canvas in the panel').toBeGreaterThan(0)
    expect(canvases.every(canvas => !canvas.lost)).toBe(true)

    await waitForDrawnMap(wall.page, 'map3d-3d-1920x1080')
    assertNoConsoleErrors(wall)
  })

  it('builds the chart again after the WebGL context is lost, still in 3D', async () => {
    const rebuildsBefore = Number(await attribute(wall.page, 'data-rebuilds'))
    expect(rebuildsBefore).toBe(0)

    const lost = await panel(wall.page).evaluate((element) => {
      for (const canvas of element.querySelectorAll('canvas')) {
        const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null
        const extension = gl?.getExtension('WEBGL_lose_context')
        if (gl && extension) {
          canvas.setAttribute('data-e2e-lost', '')
          extension.loseContext()
          return true
        }
      }
      return false
    })
    expect(lost, 'a WebGL canvas with WEBGL_lose_context').toBe(true)

    // The panel waits a moment for the browser to restore the context, then builds anew.
    await waitFor(async () => Number(await attribute(wall.page, 'data-rebuilds')) === rebuildsBefore + 1,
      { timeoutMs: 30_000, intervalMs: 200, what: 'data-rebuilds to count the rebuild' })
    expect(await attribute(wall.page, 'data-mode')).toBe('3d')
    expect(await attribute(wall.page, 'data-ready')).toBe('true')

    // A new canvas with a live context in place of the lost one, and a map on it again.
    await waitFor(async () => {
      const canvases = await webglCanvases(wall.page)
      return canvases.length > 0 && canvases.every(canvas => !canvas.marked && !canvas.lost)
    }, { timeoutMs: 30_000, intervalMs: 250, what: 'a fresh WebGL canvas in the panel' })
    await waitForDrawnMap(wall.page, 'map3d-rebuilt-1920x1080')
    expect(Number(await attribute(wall.page, 'data-rebuilds'))).toBe(rebuildsBefore + 1)
    assertNoConsoleErrors(wall)
  })

  it('turns with the control terminal\'s rotation switch, and stops when it is off', async () => {
    const toggle = control.page.locator('[data-testid="rotation-toggle"]')
    const initial = await toggle.getAttribute('data-on')
    expect(initial).toMatch(/^(true|false)$/)
    await waitFor(async () => await attribute(wall.page, 'data-rotating') === initial, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the wall to agree with the terminal' })
    const flipped = initial === 'true' ? 'false' : 'true'
    try {
      for (const expected of [flipped, initial]) {
        await toggle.tap()
        await waitFor(async () => await toggle.getAttribute('data-on') === expected, { timeoutMs: ANSWER_TIMEOUT_MS, what: `the switch to show ${expected}` })
        await waitFor(async () => await attribute(wall.page, 'data-rotating') === expected, { timeoutMs: ANSWER_TIMEOUT_MS, what: `data-rotating to become ${expected}` })
        if (expected === 'true') {
          // Turning: the picture moves by itself, well past what a data redraw changes.
          const first = await wallPicture(wall.page)
          await waitFor(async () => ((await pictureStats(await wallPicture(wall.page), first)).changed ?? 0) > TURNED,
            { timeoutMs: 60_000, intervalMs: 250, what: 'the map to turn' })
        }
        else {
          // Standing: two pictures in a row alike. The first pair may straddle the last frame of
          // the turn (a frame takes seconds on software WebGL), so look until one pair agrees.
          let previous = await wallPicture(wall.page)
          await waitFor(async () => {
            const current = await wallPicture(wall.page, 'map3d-still-1920x1080')
            const changed = (await pictureStats(current, previous)).changed ?? 1
            previous = current
            return changed < STOOD
          }, { timeoutMs: 60_000, intervalMs: 250, what: 'the map to stop turning' })
        }
      }
    }
    finally {
      // Leave the switch as it was for whatever runs next on this server.
      if (await toggle.getAttribute('data-on') !== initial)
        await toggle.tap()
    }
    assertNoConsoleErrors(wall)
    assertNoConsoleErrors(control)
  }, 180_000)
})

describe('the 3D page without WebGL', () => {
  let plain: DeviceBrowser

  afterAll(async () => {
    await plain?.close()
  })

  it('shows the 2D heat map instead, says so, and never downloads echarts-gl', async () => {
    plain = await launchDevices(NO_WEBGL_ARGS)
    const context = await plain.newContext(WALL, false)
    let scripts: string[] = []
    const fallback = await openWall(context, server.url, { ...WALL, beforeGoto: (page) => { scripts = watchScripts(page) } })
    // The premise: this browser really has no WebGL.
    expect(await fallback.page.evaluate(() => {
      const canvas = document.createElement('canvas')
      return canvas.getContext('webgl2') !== null || canvas.getContext('webgl') !== null
    })).toBe(false)

    // The wall state still says map3d (the tests above put it there).
    await fallback.page.locator(`${PANEL}[data-ready="true"]`).first().waitFor({ state: 'attached', timeout: READY_TIMEOUT_MS })
    await waitForLive(fallback.page, { screen: 'map3d' })
    expect(await attribute(fallback.page, 'data-mode')).toBe('2d-fallback')
    await fallback.page.locator(`${PANEL} [data-testid="map3d-fallback-note"]`).first().waitFor({ state: 'visible', timeout: 10_000 })

    // A 2D canvas, painted in the heat map's colours (its pixels can be read back, unlike WebGL's).
    const paint = await waitFor(async () => {
      const sample = await panel(fallback.page).evaluate((element) => {
        const canvas = [...element.querySelectorAll('canvas')].sort((a, b) => b.width * b.height - a.width * a.height)[0]
        const context = canvas?.getContext('2d')
        if (!canvas || !context || canvas.width === 0)
          return { colours: 0, painted: 0 }
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data
        const colours = new Set<string>()
        let painted = 0
        let samples = 0
        const step = Math.max(1, Math.floor(Math.min(canvas.width, canvas.height) / 80))
        for (let y = 0; y < canvas.height; y += step) {
          for (let x = 0; x < canvas.width; x += step) {
            const i = (y * canvas.width + x) * 4
            samples++
            if ((data[i + 3] ?? 0) > 0) {
              painted++
              colours.add(`${(data[i] ?? 0) >> 3},${(data[i + 1] ?? 0) >> 3},${(data[i + 2] ?? 0) >> 3}`)
            }
          }
        }
        return { colours: colours.size, painted: painted / samples }
      })
      return sample.colours >= 6 && sample.painted > 0.05 ? sample : null
    }, { timeoutMs: 30_000, intervalMs: 500, what: 'the 2D map to be painted' })
    expect(paint.colours).toBeGreaterThanOrEqual(6)
    await waitFor(async () => /^\d+$/.test(await attribute(fallback.page, 'data-redraw-ms') ?? ''), { timeoutMs: 30_000, what: 'the 2D map to finish drawing' })
    await screenshot(fallback.page, 'map3d-2d-fallback-1920x1080')

    // The page's own chunk came; echarts-gl did not.
    expect(scripts.some(name => name.startsWith('ScreenMap3d')), `scripts fetched: ${scripts.join(', ')}`).toBe(true)
    expect(scripts.filter(name => glChunks.includes(name))).toEqual([])
    assertNoConsoleErrors(fallback)
  })
})
