/**
 * Initial JavaScript, gzip-compressed: every script and modulepreload that dist/index.html loads
 * before the wall can draw. Chunks loaded later (the 3D page and its echarts-gl) are listed apart.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Metric } from '../lib/report.ts'
import type { Scenario } from './types.ts'

const KB = 1000

/** Asset paths of the scripts index.html loads up front. */
export function initialScripts(indexHtml: string): string[] {
  const found = new Set<string>()
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag) && /\bsrc=/i.test(tag)
    const isPreload = /^<link/i.test(tag) && /\brel=["']?modulepreload/i.test(tag)
    const url = /\b(?:src|href)=["']?([^"' >]+)/i.exec(tag)?.[1]
    if ((isScript || isPreload) && url && !/^https?:/i.test(url))
      found.add(url.replace(/^\.?\//, ''))
  }
  return [...found]
}

function gzipSize(path: string): number {
  return gzipSync(readFileSync(path)).length
}

export const bundleScenario: Scenario = {
  id: 'bundle',
  title: 'initial JavaScript of dist/index.html, gzip (zlib default level)',
  async run({ root }) {
    const dist = join(root, 'dist')
    const initial = initialScripts(readFileSync(join(dist, 'index.html'), 'utf8'))
    const initialFiles = initial.map(asset => ({ asset, raw: readFileSync(join(dist, asset)).length, gzip: gzipSize(join(dist, asset)) }))
    const initialSet = new Set(initial)
    const lazy = readdirSync(join(dist, 'assets'))
      .filter(name => name.endsWith('.js') && !initialSet.has(`assets/${name}`))
      .map(name => ({ asset: `assets/${name}`, raw: readFileSync(join(dist, 'assets', name)).length, gzip: gzipSize(join(dist, 'assets', name)) }))
      .sort((a, b) => b.gzip - a.gzip)
    const css = readdirSync(join(dist, 'assets')).filter(name => name.endsWith('.css'))
    const cssGzip = css.reduce((sum, name) => sum + gzipSize(join(dist, 'assets', name)), 0)

    const initialGzip = initialFiles.reduce((sum, file) => sum + file.gzip, 0)
    const initialRaw = initialFiles.reduce((sum, file) => sum + file.raw, 0)
    const largestLazy = lazy[0]
    const metrics: Metric[] = [
      {
        scenario: 'bundle',
        name: 'initial JS (gzip)',
        value: initialGzip / KB,
        unit: 'kB',
        budget: 350,
        note: `${initialFiles.length} file(s), ${(initialRaw / KB).toFixed(0)} kB raw`,
      },
      {
        scenario: 'bundle',
        name: 'largest lazy chunk (gzip)',
        value: largestLazy ? largestLazy.gzip / KB : null,
        unit: 'kB',
        note: largestLazy ? `${largestLazy.asset}, ${(largestLazy.raw / KB).toFixed(0)} kB raw; ${lazy.length} lazy chunk(s)` : 'no lazy chunks',
      },
      { scenario: 'bundle', name: 'CSS (gzip, all)', value: cssGzip / KB, unit: 'kB', note: `${css.length} file(s)` },
    ]
    return { metrics, details: { initial: initialFiles, lazy } }
  },
}
