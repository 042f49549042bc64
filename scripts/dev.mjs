#!/usr/bin/env node
/**
 * `npm run dev`: the feed server (feed-only: no build needed) on FEED_PORT, default 8080, and the
 * Vite dev server, which proxies /feed and /control-feed to it (vite.config.ts). Ctrl-C stops both;
 * if either one dies, the other is stopped too. Extra arguments go to Vite (`npm run dev -- --port 5199`).
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const feedPort = process.env.FEED_PORT ?? '8080'
const bin = path => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url))

const children = [
  {
    name: 'feed',
    args: [bin('tsx/dist/cli.mjs'), 'server/main.ts', '--feed-only'],
    env: { PORT: feedPort },
  },
  {
    name: 'vite',
    args: [bin('vite/bin/vite.js'), ...process.argv.slice(2)],
    env: { FEED_PORT: feedPort },
  },
].map(({ name, args, env }) => {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return { name, child }
})

let exitCode = null
function stopAll(code) {
  exitCode ??= code
  for (const { child } of children) {
    if (child.exitCode === null && child.signalCode === null)
      child.kill('SIGTERM')
  }
}

for (const { name, child } of children) {
  child.on('exit', (code, signal) => {
    if (exitCode === null)
      console.error(`dev: ${name} stopped (${signal ?? `exit ${code}`}); stopping the rest`)
    stopAll(code ?? 1)
    if (children.every(c => c.child.exitCode !== null || c.child.signalCode !== null))
      process.exit(exitCode ?? 0)
  })
}

// Ctrl-C reaches the children through the terminal too; forwarding covers `kill <pid>` of this script.
process.on('SIGINT', () => stopAll(0))
process.on('SIGTERM', () => stopAll(0))
