/**
 * The wall-state reducer: one operator command in, the next wall state (or a refusal) out. Pure —
 * the server applies it, persists the result and broadcasts it; tests run it with a fixed clock.
 *
 * Commands are states, not steps, so repeating one changes nothing: a command that leaves the
 * state as it is is accepted without a new revision. A refused command never changes anything.
 *
 * Operator override: showPage and focusUnit pause a running playlist (keeping the time left on
 * its item), because the operator chose what the wall shows; playlistResume hands the wall back.
 * Blackout and banner sit on top of whatever page is shown and leave the playlist running.
 */
import {
  MAX_BANNER_CHARS,
  MAX_ROLL_CALL_COURTS,
  MAX_DWELL_SEC,
  MAX_PLAYLIST_ITEMS,
  MIN_DWELL_SEC,
  type PlaylistItem,
  type WallState,
} from '~/protocol'
import { toPlainText, type ControlCommand, type ControlErrorCode } from '~/protocol/commands'
import { itemDwellMs, pausedPlaylist } from './playlist'
import { sameWallState, type Registry } from './state'
import { pauseTour, resumeTour, rollCallSeed, startTour, tourStepTo } from './tour'

/** What the reducer needs to know besides the state and the command. */
export interface CommandContext extends Registry {
  /** epoch ms, the server's clock */
  now: number
  /** apply only when the state is still at this revision (from the command frame) */
  expectRevision?: number
}

export type CommandResult =
  | { ok: true, state: WallState, changed: boolean }
  | { ok: false, code: ControlErrorCode, message: string }

type Playlist = WallState['playlist']
type Change = Omit<WallState, 'revision' | 'updatedAt'>

function refuse(code: ControlErrorCode, message: string): CommandResult {
  return { ok: false, code, message }
}

function checkPage(page: string, ctx: CommandContext): CommandResult | null {
  return ctx.pages.has(page) ? null : refuse('unknownPage', `page ${JSON.stringify(page)} is not registered`)
}

function checkItems(items: readonly PlaylistItem[], ctx: CommandContext): CommandResult | null {
  if (items.length > MAX_PLAYLIST_ITEMS)
    return refuse('tooManyItems', `${items.length} items; at most ${MAX_PLAYLIST_ITEMS}`)
  for (const [i, item] of items.entries()) {
    if (!ctx.pages.has(item.page))
      return refuse('unknownPage', `item ${i}: page ${JSON.stringify(item.page)} is not registered`)
    if (!Number.isInteger(item.dwellSec) || item.dwellSec < MIN_DWELL_SEC || item.dwellSec > MAX_DWELL_SEC)
      return refuse('badDwell', `item ${i}: dwell ${item.dwellSec} s; whole seconds from ${MIN_DWELL_SEC} to ${MAX_DWELL_SEC}`)
  }
  return null
}

/**
 * The new playlist keeps its position when the item there is still the same page (an edited dwell
 * time must not restart the show); otherwise it starts again from its first item.
 */
function replacedPlaylist(state: WallState, items: PlaylistItem[], now: number): Playlist {
  const old = state.playlist
  if (items.length === 0)
    return { items: [], running: false, index: 0, itemStartedAt: null, remainingMs: null }
  const kept = old.items[old.index]
  const samePlace = old.index < items.length && kept !== undefined && kept.page === items[old.index]!.page
  if (samePlace) {
    const remainingMs = old.remainingMs === null ? null : Math.min(old.remainingMs, items[old.index]!.dwellSec * 1000)
    return { ...old, items, remainingMs }
  }
  return { items, running: old.running, index: 0, itemStartedAt: old.running ? now : null, remainingMs: null }
}

/** The page a running playlist shows; the operator's page otherwise. */
function pageFor(playlist: Playlist, page: string): string {
  return playlist.running ? (playlist.items[playlist.index]?.page ?? page) : page
}

function change(state: WallState, command: ControlCommand, ctx: CommandContext): Change | CommandResult {
  const { now } = ctx
  const playlist = state.playlist
  switch (command.kind) {
    case 'showPage':
      return checkPage(command.page, ctx)
        ?? { ...pauseTour(state, now), page: command.page, playlist: pausedPlaylist(state, now) }
    case 'focusUnit': {
      if (!ctx.units.has(command.unitId))
        return refuse('unknownUnit', `unit ${JSON.stringify(command.unitId)} is unknown`)
      return checkPage(command.page, ctx)
        ?? { ...pauseTour(state, now), page: command.page, focusUnitId: command.unitId, playlist: pausedPlaylist(state, now) }
    }
    case 'setPlaylist': {
      const refused = checkItems(command.items, ctx)
      if (refused)
        return refused
      const next = replacedPlaylist(state, command.items.map(item => ({ page: item.page, dwellSec: item.dwellSec })), now)
      return { ...state, playlist: next, page: pageFor(next, state.page) }
    }
    case 'playlistStart': {
      if (playlist.items.length === 0)
        return refuse('emptyPlaylist', 'the playlist has no items')
      if (playlist.running)
        return state
      const next = { ...playlist, running: true, index: 0, itemStartedAt: now, remainingMs: null }
      return { ...state, tour: null, playlist: next, page: pageFor(next, state.page) }
    }
    case 'playlistPause':
      return { ...state, playlist: pausedPlaylist(state, now) }
    case 'playlistResume': {
      if (playlist.items.length === 0)
        return refuse('emptyPlaylist', 'the playlist has no items')
      if (playlist.running)
        return state
      const index = playlist.index < playlist.items.length ? playlist.index : 0
      const dwell = itemDwellMs(playlist, index)
      const left = playlist.remainingMs === null || index !== playlist.index ? dwell : Math.min(dwell, playlist.remainingMs)
      // Started as long ago as the part already shown, so the item ends when its time is up.
      const next = { ...playlist, index, running: true, itemStartedAt: now - (dwell - left), remainingMs: null }
      return { ...state, tour: null, playlist: next, page: pageFor(next, state.page) }
    }
    case 'playlistSkipTo': {
      if (playlist.items.length === 0)
        return refuse('emptyPlaylist', 'the playlist has no items')
      const item = playlist.items[command.index]
      if (!item)
        return refuse('badIndex', `item ${command.index} of ${playlist.items.length}; from 0 to ${playlist.items.length - 1}`)
      if (playlist.index === command.index && state.page === item.page)
        return state
      const next = playlist.running
        ? { ...playlist, index: command.index, itemStartedAt: now, remainingMs: null }
        : { ...playlist, index: command.index, remainingMs: null }
      return { ...state, playlist: next, page: item.page }
    }
    case 'setBlackout':
      return { ...state, blackout: command.on }
    case 'setBanner': {
      if (command.text === null)
        return { ...state, banner: null }
      const text = toPlainText(command.text)
      // Counted in UTF-16 units, as wallStateSchema's maxLength counts them.
      if (text.length > MAX_BANNER_CHARS)
        return refuse('bannerTooLong', `banner of ${text.length} characters; at most ${MAX_BANNER_CHARS}`)
      return { ...state, banner: text === '' ? null : text }
    }
    case 'setRotation':
      return { ...state, rotate3d: command.on }
    case 'drawRollCall': {
      if (command.count < 1 || command.count > MAX_ROLL_CALL_COURTS)
        return refuse('badCount', `${command.count} courts; from 1 to ${MAX_ROLL_CALL_COURTS}`)
      // The seed comes from the revision and the clock: a new draw every time, reproducible from the audit log.
      const seed = rollCallSeed(state.revision, now)
      return { ...state, rollCall: { drawId: `draw-${state.revision + 1}`, count: command.count, seed, drawnAt: now } }
    }
    case 'setLanguage':
      return { ...state, language: command.language }
    case 'tourStart': {
      const tour = ctx.tours?.get(command.tourId)
      if (!tour)
        return refuse('unknownTour', `tour ${JSON.stringify(command.tourId)} is not loaded`)
      for (const step of tour.steps) {
        const refused = checkPage(step.page, ctx)
        if (refused)
          return refused
      }
      return startTour(state, tour, now)
    }
    case 'tourPause':
      return state.tour ? pauseTour(state, now) : refuse('noTour', 'no tour on the wall')
    case 'tourResume':
      return state.tour ? resumeTour(state, now) : refuse('noTour', 'no tour on the wall')
    case 'tourStepTo': {
      const tour = state.tour
      if (!tour)
        return refuse('noTour', 'no tour on the wall')
      if (command.index < 0 || command.index >= tour.tour.steps.length)
        return refuse('noTour', `step ${command.index} of ${tour.tour.steps.length}; from 0 to ${tour.tour.steps.length - 1}`)
      if (command.index === tour.index)
        return state
      return tourStepTo(state, command.index, now)
    }
    case 'tourStop':
      return { ...state, tour: null }
  }
}

function isResult(value: Change | CommandResult): value is CommandResult {
  return 'ok' in value
}

/** Apply one command to the wall state. */
export function applyCommand(state: WallState, command: ControlCommand, ctx: CommandContext): CommandResult {
  if (ctx.expectRevision !== undefined && ctx.expectRevision !== state.revision)
    return refuse('staleRevision', `the wall state is at revision ${state.revision}, not ${ctx.expectRevision}`)
  const next = change(state, command, ctx)
  if (isResult(next))
    return next
  const candidate: WallState = { ...next, revision: state.revision, updatedAt: state.updatedAt }
  if (sameWallState(state, candidate))
    return { ok: true, state, changed: false }
  return { ok: true, state: { ...candidate, revision: state.revision + 1, updatedAt: ctx.now }, changed: true }
}
