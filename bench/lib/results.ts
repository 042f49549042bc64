/**
 * Where a run's figures go: `bench/results/<name><UTC date-time>.json`, one file per run, committed,
 * so a figure quoted in README.md names the file it comes from. `<name>latest.json` is the same run
 * again under a fixed name for scripts (git-ignored).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const RESULTS_DIR = join(ROOT, 'bench', 'results')

/** `2026-12-03T07-12-05Z`: the run's start in UTC to the second, safe in a file name on any system. */
export function resultStamp(startedAt: Date): string {
  return startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')
}

/**
 * Write one run: `<prefix><stamp>.json` and `<prefix>latest.json`. Returns the dated file's path from
 * the repository root, to print and to cite. `prefix` is '' for `bench/run.ts`, 'soak-' for the soak.
 */
export function writeResult(prefix: string, startedAt: Date, result: object, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${prefix}${resultStamp(startedAt)}.json`)
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)
  copyFileSync(file, join(dir, `${prefix}latest.json`))
  return relative(ROOT, file)
}
