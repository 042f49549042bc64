/**
 * The guided tours: every `*.json` in config/tours/, checked against the shared tour schema when
 * the server starts. A tour with a mistake (an unknown page, a caption missing its English) stops
 * the server with the file and the field named, as a wrong config/server.json does.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import * as v from 'valibot'
import { MAX_TOURS, tourFileSchema, tourId, type Tour } from '#protocol'

export class TourError extends Error {
  override name = 'TourError'
}

/**
 * Read every tour in `dir`, in file-name order; an absent folder means no tours. `pages` are the
 * registered page ids: a step showing any other page is refused here, not when the host starts it.
 */
export function loadTours(dir: string, pages: ReadonlySet<string>): Tour[] {
  let names: string[]
  try {
    names = readdirSync(dir).filter(name => name.endsWith('.json')).sort()
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return []
    throw new TourError(`cannot read ${dir}: ${(error as Error).message}`)
  }
  if (names.length > MAX_TOURS)
    throw new TourError(`${dir}: ${names.length} tours; at most ${MAX_TOURS}`)
  return names.map((name) => {
    const file = join(dir, name)
    const id = basename(name, '.json')
    if (!v.safeParse(tourId, id).success)
      throw new TourError(`${file}: the file name must be a tour id (lower-case letters, digits and dashes)`)
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'))
    }
    catch (error) {
      throw new TourError(`cannot read ${file}: ${(error as Error).message}`)
    }
    const result = v.safeParse(tourFileSchema, raw)
    if (!result.success) {
      const lines = result.issues.map(issue => `  ${v.getDotPath(issue) ?? '(top level)'}: ${issue.message}`)
      throw new TourError(`invalid tour in ${file}:\n${lines.join('\n')}`)
    }
    for (const [i, step] of result.output.steps.entries()) {
      if (!pages.has(step.page))
        throw new TourError(`invalid tour in ${file}:\n  steps.${i}.page: ${JSON.stringify(step.page)} is not a registered page`)
    }
    return { id, title: result.output.title, steps: result.output.steps }
  })
}
