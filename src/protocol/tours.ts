/**
 * Guided tours: a tour is a file in config/tours/ — a sequence of steps, each a page, the unit it
 * focuses, whether the 3D map turns, how long it stays, and a caption in both languages that the
 * wall shows on its banner line. The server loads the files at start; a running tour lives in the
 * wall state (`tour`), steps included, so every wall can show the caption without another channel.
 */
import * as v from 'valibot'
import { pageId, unitId } from './schema-parts'

export const MAX_TOUR_STEPS = 30
export const MIN_TOUR_DWELL_SEC = 5
export const MAX_TOUR_DWELL_SEC = 600
/** A caption is one line on the banner: at most this many characters in either language. */
export const MAX_TOUR_CAPTION_CHARS = 120
export const MAX_TOURS = 20

/** A tour id: the file name without `.json`. */
export const tourId = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'bad tour id'))

export const tourCaptionSchema = v.strictObject({
  'zh-CN': v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TOUR_CAPTION_CHARS)),
  'en': v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TOUR_CAPTION_CHARS)),
})

export const tourStepSchema = v.strictObject({
  /** the page the wall shows during this step */
  page: pageId,
  /** the unit the focus page shows; null leaves the focus as it is */
  focusUnitId: v.optional(v.nullable(unitId), null),
  /** the 3D map's slow rotation during this step */
  rotate3d: v.optional(v.boolean(), true),
  /** how long the step stays, whole seconds */
  dwellSec: v.pipe(v.number(), v.integer(), v.minValue(MIN_TOUR_DWELL_SEC), v.maxValue(MAX_TOUR_DWELL_SEC)),
  /** what the host would say, on the wall's banner line */
  caption: tourCaptionSchema,
  /** draw a new random roll call when the step begins (the 随机抽查 page) */
  drawRollCall: v.optional(v.boolean(), false),
})

const tourTitleSchema = tourCaptionSchema

/** A tour file in config/tours/: `{ "title": { "zh-CN": …, "en": … }, "steps": [ … ] }`. */
export const tourFileSchema = v.strictObject({
  $comment: v.optional(v.string()),
  title: tourTitleSchema,
  steps: v.pipe(v.array(tourStepSchema), v.minLength(1), v.maxLength(MAX_TOUR_STEPS)),
})

/** A tour as the server knows it and the terminal lists it. */
export const tourSchema = v.strictObject({
  id: tourId,
  title: tourTitleSchema,
  steps: v.pipe(v.array(tourStepSchema), v.minLength(1), v.maxLength(MAX_TOUR_STEPS)),
})

/** The tour running on the wall: the tour itself and where it stands (timed like the playlist). */
export const tourStateSchema = v.strictObject({
  tour: tourSchema,
  /** the step on the wall */
  index: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** advancing on its own (true) or held at `index` (false) */
  running: v.boolean(),
  /** epoch ms when the current step began (running) */
  stepStartedAt: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
  /** ms left on the current step when held */
  remainingMs: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0))),
})

/** A tour as the control terminal lists it: id, title and how many steps. */
export const tourSummarySchema = v.strictObject({
  id: tourId,
  title: tourTitleSchema,
  steps: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TOUR_STEPS)),
  /** whole seconds, every step's dwell added */
  durationSec: v.pipe(v.number(), v.integer(), v.minValue(0)),
})

export type TourStep = v.InferOutput<typeof tourStepSchema>
export type Tour = v.InferOutput<typeof tourSchema>
export type TourState = v.InferOutput<typeof tourStateSchema>
export type TourSummary = v.InferOutput<typeof tourSummarySchema>
export type TourFile = v.InferOutput<typeof tourFileSchema>

/** The terminal's view of a tour. */
export function summarizeTour(tour: Tour): TourSummary {
  return { id: tour.id, title: tour.title, steps: tour.steps.length, durationSec: tour.steps.reduce((s, step) => s + step.dwellSec, 0) }
}
