#!/usr/bin/env node
/**
 * Draws the app's icons (public/icons/*.png) for the web app manifest: the wall's navy, a gold ring
 * and three rising cyan bars, at the sizes a phone asks for. Pixels by hand and PNG by node:zlib, so
 * making them needs no image tool: `node scripts/make-icons.mjs`.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons')
const NAVY = [2, 11, 31]
const BLUE = [10, 40, 92]
const GOLD = [255, 201, 77]
const CYAN = [47, 214, 255]

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++)
    c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer) {
  let c = 0xFFFFFFFF
  for (const byte of buffer)
    c = CRC_TABLE[(c ^ byte) & 0xFF] ^ (c >>> 8)
  return (c ^ 0xFFFFFFFF) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** One pixel's colour; `maskable` keeps everything inside the 80 % safe circle. */
function colour(x, y, size, maskable) {
  const u = (x + 0.5) / size - 0.5
  const v = (y + 0.5) / size - 0.5
  const r = Math.hypot(u, v)
  const scale = maskable ? 0.8 : 1
  if (!maskable && r > 0.5)
    return null
  const ring = r > 0.40 * scale && r < 0.46 * scale
  if (ring)
    return GOLD
  const bars = [[-0.2, 0.12], [-0.04, 0.2], [0.12, 0.28]]
  for (const [left, height] of bars) {
    if (u >= left * scale && u < (left + 0.12) * scale && v <= 0.18 * scale && v >= (0.18 - height) * scale)
      return CYAN
  }
  return r < 0.40 * scale ? BLUE : NAVY
}

function png(size, maskable) {
  const raw = Buffer.alloc((size * 4 + 1) * size)
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1)
    raw[row] = 0
    for (let x = 0; x < size; x++) {
      const c = colour(x, y, size, maskable)
      const at = row + 1 + x * 4
      if (c) {
        raw[at] = c[0]
        raw[at + 1] = c[1]
        raw[at + 2] = c[2]
        raw[at + 3] = 255
      }
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['maskable-512.png', 512, true], ['apple-touch-icon.png', 180, true]])
  writeFileSync(join(OUT, name), png(size, maskable))
