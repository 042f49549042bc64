/**
 * The operator's control terminal against the real server and real Chromium: a 1280×800 touch
 * tablet drives a 7680×2160 wall (and a second wall that must follow). Every command goes through
 * the terminal's own buttons by touch; a raw control client on the side reads the server's wall
 * state, so "the wall did not move" is checked against the server's revision as well as the screen.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES, controlCommandFrame, MAX_BANNER_CHARS } from '#protocol'
import {
  assertNoConsoleErrors,
  connectRawControl,
  delay,
  type DeviceBrowser,
  launchDevices,
  openRawControl,
  openTerminal,
  openWall,
  type RawControl,
  screenshot,
  shownScreenId,
  startServer,
  type ServerHandle,
  waitFor,
  waitForLive,
  waitForScreen,
  waitForTerminal,
  type Viewport,
  type WallPage,
} from './harness.ts'

const TOKEN = 'e2e-control-token-0123456789abcdef'
const TABLET = { width: 1280, height: 800 }
const WALL = { width: 7680, height: 2160 }
const SECOND_WALL = { width: 1920, height: 1080 }
/** The shortest dwell the server accepts (MIN_DWELL_SEC). */
const DWELL_SEC = 5
const HOSTILE_BANNER = '<img src=x onerror=alert(1)>'
/**
 * How long the wall may take to show a change other than the timed page tap (which must land
 * within 1 s): bringing a chart page back at 7680 px is slow on this machine's software renderer.
 */
const WALL_TIMEOUT_MS = 10_000
/** How long the server's answer may take to show on the terminal or the raw client (the machine is shared). */
const ANSWER_TIMEOUT_MS = 5_000

// ---- pages ----

let server: ServerHandle
let devices: DeviceBrowser
let tabletContext: BrowserContext
let wallContext: BrowserContext
let wall: WallPage
let control: WallPage
let observer: RawControl
/** alerts, confirms … any dialog a page opened: a banner must never open one */
const dialogs: string[] = []
const extraPages: WallPage[] = []

async function newContext(viewport: Viewport, hasTouch: boolean): Promise<BrowserContext> {
  const context = await devices.newContext(viewport, hasTouch)
  context.on('page', page => page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  }))
  return context
}


async function pageIds(page: Page): Promise<string[]> {
  return page.locator('[data-testid="control-page"]').evaluateAll(tiles => tiles.map(tile => tile.getAttribute('data-page') ?? ''))
}

/** The error toast shows `code`; dismiss it so the next check starts clean. */
async function expectError(code: string): Promise<void> {
  const toast = control.page.locator(`[data-testid="control-error"][data-code="${code}"]`)
  await toast.waitFor({ timeout: 5_000 })
  expect((await toast.innerText()).length).toBeGreaterThan(0)
  await toast.locator('button').tap()
  await toast.waitFor({ state: 'detached', timeout: 5_000 })
}

beforeAll(async () => {
  server = await startServer({ env: { WALL_CONTROL_TOKEN: TOKEN } })
  devices = await launchDevices()
  wallContext = await newContext(WALL, false)
  tabletContext = await newContext(TABLET, true)
  wall = await openWall(wallContext, server.url, WALL)
  await waitForLive(wall.page)
  control = await openTerminal(tabletContext, server.url, TOKEN, TABLET)
  observer = await connectRawControl(server.url, { token: TOKEN })
})

afterAll(async () => {
  observer?.close()
  for (const extra of extraPages)
    await extra.page.close().catch(() => {})
  await devices?.close()
  await server?.dispose()
})

/** Build a two-item playlist by touch and watch it run, hold, resume and skip. */
async function runPlaylist(page: Page): Promise<void> {
  const ids = await pageIds(page)
  const first = ids[0]!
  const second = ids[1] ?? ids[0]!
  // Start from an empty list.
  while (await page.locator('[data-testid="playlist-remove"]').count() > 0) {
    const count = await page.locator('[data-testid="playlist-remove"]').count()
    await page.locator('[data-testid="playlist-remove"]').first().tap()
    await waitFor(async () => await page.locator('[data-testid="playlist-remove"]').count() < count, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'an item to go' })
  }
  for (const [n, id] of [first, second].entries()) {
    await page.locator('[data-testid="playlist-add-page"]').selectOption(id)
    await page.locator('[data-testid="playlist-dwell"]').fill(String(DWELL_SEC))
    await page.locator('[data-testid="playlist-add"]').tap()
    await waitFor(async () => await page.locator('[data-testid="playlist-item"]').count() === n + 1, { timeoutMs: ANSWER_TIMEOUT_MS, what: `item ${n + 1} in the playlist` })
  }

  const current = () => page.locator('[data-testid="playlist-item"][data-current="true"]').getAttribute('data-index')
  await page.locator('[data-testid="playlist-start"]').tap()
  await waitFor(async () => observer.state().playlist.running, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the playlist to run' })
  expect(await current()).toBe('0')
  await waitForScreen(wall.page, first, { timeoutMs: WALL_TIMEOUT_MS })

  // The progress bar moves while nobody touches anything.
  const fraction = async () => Number(await page.locator('[data-testid="playlist-progress"]').getAttribute('data-fraction'))
  const early = await fraction()
  await delay(1_200)
  expect(await fraction()).toBeGreaterThan(early)
  await screenshot(page, 'control-playlist-1280x800')

  // It advances on its own after the dwell.
  const advancedAt = await waitFor(async () => await current() === '1' ? Date.now() : null, { timeoutMs: (DWELL_SEC + 4) * 1_000, what: 'the playlist to advance' })
  expect(advancedAt).toBeGreaterThan(0)
  await waitForScreen(wall.page, second, { timeoutMs: WALL_TIMEOUT_MS })

  await page.locator('[data-testid="playlist-pause"]').tap()
  await waitFor(async () => !observer.state().playlist.running, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the playlist to pause' })
  const held = observer.state().revision
  await delay((DWELL_SEC + 1) * 1_000)
  expect(observer.state().revision, 'a paused playlist must not advance').toBe(held)
  expect(await current()).toBe('1')

  await page.locator('[data-testid="playlist-resume"]').tap()
  await waitFor(async () => observer.state().playlist.running, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the playlist to resume' })

  await page.locator('[data-testid="playlist-item"][data-index="0"]').tap()
  await waitFor(async () => await current() === '0', { timeoutMs: ANSWER_TIMEOUT_MS, what: 'a skip to item 1' })
  await waitForScreen(wall.page, first, { timeoutMs: WALL_TIMEOUT_MS })

  await page.locator('[data-testid="playlist-pause"]').tap()
  await waitFor(async () => !observer.state().playlist.running, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the playlist to pause again' })
}

describe('control terminal', () => {
  it('takes the token from the address once, hides it, and keeps it across a reload', async () => {
    expect(control.page.url()).not.toContain('token=')
    expect(control.page.url()).toMatch(/\/control$/)
    await control.page.reload({ waitUntil: 'load' })
    await waitForTerminal(control.page)
    expect(control.page.url()).not.toContain('token=')
    await screenshot(control.page, 'control-1280x800')
  })

  it('fits the tablet and gives every control a finger-sized target', async () => {
    const report = await control.page.evaluate(() => {
      const root = document.documentElement
      const small = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')]
        .filter(el => el.getClientRects().length > 0)
        .map(el => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 48 || box.height < 48)
        .map(({ el, box }) => `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 12)}] ${Math.round(box.width)}×${Math.round(box.height)}`)
      return { scroll: [root.scrollWidth, root.scrollHeight], viewport: [window.innerWidth, window.innerHeight], small }
    })
    expect(report.scroll[0]).toBeLessThanOrEqual(report.viewport[0]!)
    expect(report.scroll[1]).toBeLessThanOrEqual(report.viewport[1]!)
    expect(report.small).toEqual([])
  })

  // How fast is the benchmark's to say (bench/README.md "control-latency"); here, that one tap does it.
  it('switches the wall with one tap; a reloaded and a second wall follow', async () => {
    const ids = await pageIds(control.page)
    expect(ids, 'a second registered page is needed to switch between').toEqual(expect.arrayContaining(['overview']))
    expect(ids.length, `registered pages: ${ids.join(', ')}`).toBeGreaterThan(1)
    const before = await shownScreenId(wall.page)
    const target = ids.find(id => id !== before)!

    const tile = control.page.locator(`[data-testid="control-page"][data-page="${target}"]`)
    await tile.tap()
    await waitForScreen(wall.page, target, { timeoutMs: WALL_TIMEOUT_MS })
    await waitFor(async () => await tile.getAttribute('data-current') === 'true', { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the tile to be marked current' })
    expect(await control.page.locator('[data-testid="control-page"][data-current="true"]').count()).toBe(1)

    await wall.page.reload({ waitUntil: 'load' })
    await waitForScreen(wall.page, target, { timeoutMs: 30_000 })

    const second = await openWall(wallContext, server.url, SECOND_WALL)
    extraPages.push(second)
    await waitForScreen(second.page, target, { timeoutMs: 30_000 })
    const back = ids.find(id => id !== target)!
    await control.page.locator(`[data-testid="control-page"][data-page="${back}"]`).tap()
    await Promise.all([waitForScreen(wall.page, back, { timeoutMs: WALL_TIMEOUT_MS }), waitForScreen(second.page, back, { timeoutMs: WALL_TIMEOUT_MS })])

    // Both walls report in, and the terminal lists them with the page they show.
    await waitFor(async () => await control.page.locator(`[data-testid="wall-status-row"][data-page="${back}"]`).count() >= 2,
      { timeoutMs: 15_000, what: 'both walls in the status panel' })
    // each with its own size, from its first report on (a wall reloaded a moment ago included)
    const rows = await control.page.locator(`[data-testid="wall-status-row"][data-page="${back}"]`).allInnerTexts()
    for (const size of [WALL, SECOND_WALL])
      expect(rows.some(row => row.includes(`${size.width}×${size.height}`)), `a row with ${size.width}×${size.height} in ${JSON.stringify(rows)}`).toBe(true)
    expect(rows.some(row => row.includes('0×0'))).toBe(false)
    await screenshot(control.page, 'control-two-walls-1280x800')
  })

  it('focuses the wall on a province tapped on the map', async () => {
    await control.page.locator('[data-testid="control-unit"][data-unit="440000"]').tap()
    await wall.page.locator('[data-screen="province"][data-unit="440000"]').waitFor({ state: 'attached', timeout: WALL_TIMEOUT_MS })
    await waitFor(async () => await control.page.locator('[data-testid="control-unit"][data-unit="440000"]').getAttribute('data-current') === 'true',
      { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the province to be marked' })
    expect(observer.state().focusUnitId).toBe('440000')
  })

  it('runs a playlist on its own: start, progress, pause, resume, skip', async () => {
    try {
      await runPlaylist(control.page)
    }
    finally {
      // A playlist left running would move the wall under the tests that follow.
      if (observer.state().playlist.running)
        await observer.command({ kind: 'playlistPause' })
    }
  })

  it('blacks the wall out and brings it back', async () => {
    const toggle = control.page.locator('[data-testid="blackout-toggle"]')
    expect(await toggle.getAttribute('data-on')).toBe('false')
    try {
      await toggle.tap()
      // The server confirms, the terminal says so …
      await waitFor(async () => await toggle.getAttribute('data-on') === 'true', { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the switch to show blackout' })
      expect(observer.state().blackout).toBe(true)
      await screenshot(control.page, 'control-blackout-1280x800')
      // … and the wall shows its standby screen.
      await wall.page.locator('[data-testid="blackout"]').waitFor({ state: 'visible', timeout: WALL_TIMEOUT_MS })
      await screenshot(wall.page, 'wall-blackout-7680x2160')
      await toggle.tap()
      await waitFor(async () => await toggle.getAttribute('data-on') === 'false', { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the switch to show the wall back' })
      await wall.page.locator('[data-testid="blackout"]').waitFor({ state: 'hidden', timeout: WALL_TIMEOUT_MS })
    }
    finally {
      // Whatever failed above, the next test starts with a lit wall.
      if (observer.state().blackout)
        await observer.command({ kind: 'setBlackout', on: false })
    }
  })

  it('shows a banner on the wall and clears it; HTML in it stays text', async () => {
    const input = control.page.locator('[data-testid="banner-input"]')
    const current = control.page.locator('[data-testid="banner-current"]')
    const banner = wall.page.locator('[data-testid="wall-banner"]')
    const welcome = '热烈欢迎最高人民法院调研组莅临指导'
    try {
      await input.fill(welcome)
      await control.page.locator('[data-testid="banner-send"]').tap()
      await waitFor(async () => await current.innerText() === welcome, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the terminal to show the banner' })
      expect(observer.state().banner).toBe(welcome)

      await input.fill(HOSTILE_BANNER)
      await control.page.locator('[data-testid="banner-send"]').tap()
      await waitFor(async () => await current.innerText() === HOSTILE_BANNER, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the terminal to show the HTML banner as text' })
      expect(await control.page.locator('img').count()).toBe(0)
      await screenshot(control.page, 'control-banner-1280x800')
      await control.page.locator('[data-testid="banner-clear"]').tap()
      await waitFor(async () => observer.state().banner === null, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the banner to be cleared' })

      // The wall: the same two banners, shown and cleared (once the wall has taken the clear above:
      // it applies feed patches a frame's time after they arrive, later on a loaded machine).
      await banner.waitFor({ state: 'hidden', timeout: WALL_TIMEOUT_MS })
      await input.fill(welcome)
      await control.page.locator('[data-testid="banner-send"]').tap()
      await banner.waitFor({ state: 'visible', timeout: WALL_TIMEOUT_MS })
      expect(await banner.innerText()).toContain(welcome)
      await screenshot(wall.page, 'wall-banner-7680x2160')
      await control.page.locator('[data-testid="banner-clear"]').tap()
      await banner.waitFor({ state: 'hidden', timeout: WALL_TIMEOUT_MS })

      await input.fill(HOSTILE_BANNER)
      await control.page.locator('[data-testid="banner-send"]').tap()
      await banner.waitFor({ state: 'visible', timeout: WALL_TIMEOUT_MS })
      expect(await banner.innerText()).toContain(HOSTILE_BANNER)
      await delay(500)
      expect(await wall.page.locator('[data-testid="wall-banner"] img, img[src="x"]').count()).toBe(0)
      expect(dialogs).toEqual([])
      await control.page.locator('[data-testid="banner-clear"]').tap()
      await banner.waitFor({ state: 'hidden', timeout: WALL_TIMEOUT_MS })
    }
    finally {
      await input.fill('')
      if (observer.state().banner !== null)
        await observer.command({ kind: 'setBanner', text: null })
    }
  })

  it('turns the 3D rotation off and on, and draws a new roll call', async () => {
    const rotation = control.page.locator('[data-testid="rotation-toggle"]')
    const initial = observer.state().rotate3d
    await rotation.tap()
    await waitFor(async () => observer.state().rotate3d === !initial, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the rotation to change' })
    await waitFor(async () => await rotation.getAttribute('data-on') === String(!initial), { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the switch to follow' })
    await rotation.tap()
    await waitFor(async () => observer.state().rotate3d === initial, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the rotation to change back' })

    const draw = observer.state().rollCall.drawId
    await control.page.locator('[data-testid="rollcall-draw"]').tap()
    await waitFor(async () => observer.state().rollCall.drawId !== draw, { timeoutMs: ANSWER_TIMEOUT_MS, what: 'a new draw' })
    await waitFor(async () => await control.page.locator('[data-testid="rollcall-current"]').getAttribute('data-draw') === observer.state().rollCall.drawId,
      { timeoutMs: ANSWER_TIMEOUT_MS, what: 'the terminal to show the new draw' })
  })

  it('refuses bad input with a clear error and leaves the wall as it was', async () => {
    const before = observer.state()
    const screenBefore = await shownScreenId(wall.page)

    // Oversized banner, from the terminal.
    await control.page.locator('[data-testid="banner-input"]').fill('长'.repeat(MAX_BANNER_CHARS + 1))
    expect(await control.page.locator('[data-testid="banner-counter"]').getAttribute('data-too-long')).toBe('true')
    await control.page.locator('[data-testid="banner-send"]').tap()
    await expectError('bannerTooLong')
    await screenshot(control.page, 'control-error-1280x800')
    await control.page.locator('[data-testid="banner-input"]').fill('')

    // Absurd dwell, from the terminal.
    const items = await control.page.locator('[data-testid="playlist-item"]').count()
    await control.page.locator('[data-testid="playlist-dwell"]').fill('99999')
    await control.page.locator('[data-testid="playlist-add"]').tap()
    await expectError('badDwell')
    expect(await control.page.locator('[data-testid="playlist-item"]').count()).toBe(items)

    // What the terminal cannot even offer, straight on the wire.
    expect(await observer.command({ kind: 'showPage', page: 'no-such-page' })).toMatchObject({ type: 'nack', code: 'unknownPage' })
    expect(await observer.command({ kind: 'focusUnit', unitId: '999999' })).toMatchObject({ type: 'nack', code: 'unknownUnit' })
    expect(await observer.command({ kind: 'setPlaylist', items: [{ page: 'overview', dwellSec: 1 }] })).toMatchObject({ type: 'nack', code: 'badDwell' })
    // A command for a wall state that changed meanwhile.
    const staleRevision = before.revision === 0 ? 1 : before.revision - 1
    expect(await observer.command({ kind: 'setBlackout', on: true }, staleRevision)).toMatchObject({ type: 'nack', code: 'staleRevision' })

    await delay(500)
    expect(observer.state()).toEqual(before)
    expect(await shownScreenId(wall.page)).toBe(screenBefore)
  })

  it('lets nobody without the token move the wall', async () => {
    const before = observer.state()
    const screenBefore = await shownScreenId(wall.page)

    // The terminal without a token, and with a wrong one, in a fresh tablet.
    const stranger = await newContext(TABLET, true)
    try {
      const missing = await openWall(stranger, server.url, { ...TABLET, path: '/control' })
      await missing.page.locator('[data-testid="control-auth-error"][data-reason="missing"]').waitFor({ timeout: 15_000 })
      expect(await missing.page.locator('[data-testid="control-page"]').count()).toBe(0)
      await screenshot(missing.page, 'control-auth-missing-1280x800')
      const wrong = await openWall(stranger, server.url, { ...TABLET, path: '/control?token=not-the-token' })
      await wrong.page.locator('[data-testid="control-auth-error"][data-reason="wrong"]').waitFor({ timeout: 15_000 })
      expect(wrong.page.url()).not.toContain('token=')
    }
    finally {
      await stranger.close()
    }

    // Raw clients: no token, a wrong one, the right one from a foreign page.
    const anonymous = openRawControl(server.url)
    expect((await anonymous.closed).code).toBe(CLOSE_CODES.unauthorized)
    const guesser = openRawControl(server.url, { token: 'not-the-token' })
    guesser.ws.on('open', () => guesser.ws.send(controlCommandFrame('x', { kind: 'showPage', page: 'overview' })))
    expect((await guesser.closed).code).toBe(CLOSE_CODES.unauthorized)
    const foreign = openRawControl(server.url, { token: TOKEN, origin: 'https://evil.example' })
    expect((await foreign.closed).code).toBe(CLOSE_CODES.forbiddenOrigin)

    await delay(500)
    expect(observer.state().revision).toBe(before.revision)
    expect(await shownScreenId(wall.page)).toBe(screenBefore)
  })

  it('logged no errors on the wall or the terminal', () => {
    expect(dialogs).toEqual([])
    assertNoConsoleErrors(wall)
    assertNoConsoleErrors(control)
    for (const extra of extraPages)
      assertNoConsoleErrors(extra)
  })
})
