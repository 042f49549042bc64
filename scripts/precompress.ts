/**
 * A Vite plugin: after the build, every text file in dist/ worth compressing gets a brotli (.br)
 * and a gzip (.gz) twin, made once here at the highest levels so the server never compresses on a
 * request; it picks a twin by the browser's Accept-Encoding (sirv's `brotli` and `gzip` options).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** Files this small gain nothing from compression that is worth a second request header. */
export const MIN_COMPRESS_BYTES = 1024
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)])
}

/** Write `<file>.br` and `<file>.gz` beside every compressible file of `dir`; returns how many files. */
export function precompressDirectory(dir: string): number {
  let count = 0
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_COMPRESS_BYTES)
      continue
    const raw = readFileSync(file)
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
    const gz = gzipSync(raw, { level: 9 })
    // A twin no smaller than the original would only cost the browser time.
    if (br.length < raw.length)
      writeFileSync(`${file}.br`, br)
    if (gz.length < raw.length)
      writeFileSync(`${file}.gz`, gz)
    count++
  }
  return count
}

export function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'command-wall:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir)
    },
    closeBundle() {
      precompressDirectory(outDir)
    },
  }
}
