#!/usr/bin/env node
// Makes sure the broker the NATS tests start is present: Debian's nats-server (2.9 or newer, for
// JetStream key-value buckets). As scripts/ensure-chromium.mjs does for the browser: installs the
// system package with apt-get when missing and running as root, otherwise says what to install.
// The tests start their own nats-server on a free port; nothing here starts one.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const packageName = 'nats-server'
/** KV buckets with TTLs and compare-and-set work from 2.9 on (the Debian 12 package is 2.9.10). */
const minimum = [2, 9]

function binary() {
  if (process.env.NATS_SERVER_PATH)
    return process.env.NATS_SERVER_PATH
  return existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server'
}

/** The installed version as [major, minor, patch], or null when there is no working binary. */
function installedVersion() {
  const result = spawnSync(binary(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const match = result.status === 0 ? /v?(\d+)\.(\d+)\.(\d+)/.exec(result.stdout) : null
  return match ? match.slice(1).map(Number) : null
}

function recentEnough(version) {
  return version !== null && (version[0] > minimum[0] || (version[0] === minimum[0] && version[1] >= minimum[1]))
}

function aptInstall() {
  return spawnSync('apt-get', ['install', '-y', packageName], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status === 0
}

function canUseApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  return isRoot && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0
}

const found = installedVersion()
if (recentEnough(found))
  process.exit(0)

if (found !== null || !canUseApt()) {
  console.error([
    `The broker tests need nats-server ${minimum.join('.')} or newer with JetStream.`,
    `  found: ${found ? `${binary()} ${found.join('.')}` : 'none'}`,
    `  install (Debian/Ubuntu, as root): apt-get update && apt-get install -y ${packageName}`,
    '  or point NATS_SERVER_PATH at a nats-server binary.',
  ].join('\n'))
  process.exit(1)
}

console.error(`Installing ${packageName} with apt-get …`)
// The package lists are usually fresh enough; refresh them only when the first attempt fails.
if (!aptInstall()) {
  spawnSync('apt-get', ['update'], { stdio: 'inherit' })
  if (!aptInstall()) {
    console.error(`apt-get could not install ${packageName}.`)
    process.exit(1)
  }
}

if (!recentEnough(installedVersion())) {
  console.error(`Installed, yet ${binary()} is missing or older than ${minimum.join('.')} (set NATS_SERVER_PATH?).`)
  process.exit(1)
}
