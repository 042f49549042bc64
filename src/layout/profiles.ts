/**
 * Wall profiles (config/profiles.json): the physical LED walls the page is laid out for.
 * Pure functions, so the choice and the type scale test without a window.
 */
import profilesJson from '../../config/profiles.json'

/** One physical wall: its pixels and the grid that divides it. */
export interface WallProfile {
  id: string
  width: number
  height: number
  columns: number
  rows: number
  label: string
  /**
   * a screen held upright (a phone): each page's panels one under the other at a height of their
   * own, the page scrolls; absent on the walls, whose pages always fit the screen
   */
  stacked?: boolean
}

export const WALL_PROFILES: readonly WallProfile[] = profilesJson.profiles

/**
 * The smallest type anywhere on a screen, in CSS px: below 12 px a phone or a PC at arm's length
 * is no longer readable (WCAG's usual floor). The walls' type is far above it.
 */
export const MIN_TYPE_PX = 12

export interface Viewport {
  width: number
  height: number
}

/**
 * The profile for this window: the one asked for by id, else the closest aspect ratio
 * (compared on a log scale, so 2:1 is as far from 4:1 as from 1:1), ties broken by the closest height.
 */
export function chooseProfile(viewport: Viewport, requestedId: string | null = null, profiles: readonly WallProfile[] = WALL_PROFILES): WallProfile {
  const requested = requestedId === null ? undefined : profiles.find(p => p.id === requestedId)
  if (requested)
    return requested
  const width = Math.max(1, viewport.width)
  const height = Math.max(1, viewport.height)
  const aspect = Math.log(width / height)
  let best = profiles[0]
  if (!best)
    throw new Error('config/profiles.json lists no profiles')
  let bestScore = Number.POSITIVE_INFINITY
  for (const profile of profiles) {
    const aspectDistance = Math.abs(Math.log(profile.width / profile.height) - aspect)
    // Aspect decides; height only separates walls of the same shape (5760×1080 vs 11520×2160).
    const score = aspectDistance * 1000 + Math.abs(Math.log(profile.height / height))
    if (score < bestScore) {
      bestScore = score
      best = profile
    }
  }
  return best
}

/** Type sizes in px, all from one base. */
export interface TypeScale {
  /** body text: labels, list rows */
  base: number
  /** small print: axis ticks, footnotes, stale marks */
  small: number
  /** panel titles */
  title: number
  /** the wall's header title */
  header: number
  /** big KPI digits */
  figure: number
  /** gauge centre values */
  gauge: number
}

/** Lines of body text that fit the wall's height: 2160 px → 36 px type, readable from about 10 m. */
export const LINES_PER_HEIGHT = 60

/** The shape type is sized for as it stands: 32:9. Wider walls get larger type (see typeScale). */
const REFERENCE_ASPECT = 32 / 9
/** the most a wider wall enlarges its type */
const MAX_WIDE_BOOST = 1.25

/**
 * How much larger a wall wider than 32:9 sets its type: the square root of how much wider it is,
 * at most MAX_WIDE_BOOST (48:9: ×1.22). The audience of a wider wall stands further back to take
 * it in; its height alone would leave the type, and the header, small for the distance.
 */
export function wideBoost(profile: WallProfile): number {
  const aspect = profile.width / Math.max(1, profile.height)
  return Math.min(MAX_WIDE_BOOST, Math.max(1, Math.sqrt(aspect / REFERENCE_ASPECT)))
}

/**
 * Type from the wall's real height (enlarged on walls wider than 32:9). A window narrower than
 * the profile's shape (a 32:9 profile forced onto a 16:9 window) is sized by the height the
 * profile would have at that width, so nothing is cut on the right.
 */
export function typeScale(viewport: Viewport, profile: WallProfile): TypeScale {
  const effectiveHeight = Math.min(viewport.height, viewport.width * profile.height / profile.width)
  const base = Math.max(MIN_TYPE_PX + 1, Math.round(effectiveHeight / LINES_PER_HEIGHT * wideBoost(profile)))
  return {
    base,
    small: Math.max(MIN_TYPE_PX, Math.round(base * 0.8)),
    title: Math.round(base * 1.2),
    header: Math.round(base * 1.9),
    figure: Math.round(base * 2.4),
    gauge: Math.round(base * 1.6),
  }
}

/** Grid gap and outer padding: about a third of a line, at least 4 px. */
export function gridGap(scale: TypeScale): number {
  return Math.max(4, Math.round(scale.base * 0.4))
}
