#!/usr/bin/env node
// Makes sure the browser the end-to-end tests and the benchmark drive is present: Debian's chromium
// plus a CJK font (without one, every Chinese glyph on the wall renders as a box). Never downloads a
// browser of its own: the system package is the one the wall machines run.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const packages = ['chromium', 'fonts-noto-cjk']

function hasCjkFont() {
  try {
    return /Noto\s+(Sans|Serif)\s+CJK/i.test(execFileSync('fc-list', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
  }
  catch {
    return false
  }
}

function ready() {
  return existsSync(chromiumPath) && hasCjkFont()
}

function aptInstall() {
  return spawnSync('apt-get', ['install', '-y', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status === 0
}

function canUseApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  return isRoot && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
}

if (ready())
  process.exit(0)

if (!canUseApt()) {
  console.error([
    'The end-to-end tests need a headless Chromium and a CJK font.',
    `  missing: ${existsSync(chromiumPath) ? '' : `${chromiumPath} `}${hasCjkFont() ? '' : 'Noto CJK font'}`.trimEnd(),
    `  install (Debian/Ubuntu, as root): apt-get update && apt-get install -y ${packages.join(' ')}`,
    '  or point CHROMIUM_PATH at an existing Chromium binary (a CJK font is still needed).',
  ].join('\n'))
  process.exit(1)
}

console.error(`Installing ${packages.join(' ')} with apt-get …`)
// The package lists are usually fresh enough; refresh them only when the first attempt fails.
if (!aptInstall()) {
  spawnSync('apt-get', ['update'], { stdio: 'inherit' })
  if (!aptInstall()) {
    console.error(`apt-get could not install ${packages.join(' ')}.`)
    process.exit(1)
  }
}

if (!ready()) {
  console.error(`Installed, yet ${chromiumPath} or a Noto CJK font is still missing (set CHROMIUM_PATH?).`)
  process.exit(1)
}
