/**
 * `npm run mock-server`: the mock of the centre's statistics system on its own, as a separate
 * process the server reaches only over the network (UPSTREAM=http UPSTREAM_URL=http://127.0.0.1:8090).
 * MOCK_PORT (default 8090), MOCK_HOST (default 127.0.0.1), SEED, MOCK_FAULTS=1.
 */
import { DEFAULT_SEED } from '../src/domain/constants.ts'
import { API_PATHS } from './rest/api.ts'
import { createMockSystem } from './rest/server.ts'

function fail(message: string): never {
  console.error(`mock-server: ${message}`)
  process.exit(1)
}

function intFromEnv(name: string, fallback: number, max: number): number {
  const text = process.env[name]
  if (text === undefined || text === '')
    return fallback
  if (!/^\d+$/.test(text.trim()) || Number(text) > max)
    fail(`${name}=${JSON.stringify(text)}: expected a whole number from 0 to ${max}`)
  return Number(text)
}

const port = intFromEnv('MOCK_PORT', 8090, 65535)
const host = process.env.MOCK_HOST || '127.0.0.1'
const seed = intFromEnv('SEED', DEFAULT_SEED, 0xFFFFFFFF)
const faults = process.env.MOCK_FAULTS === '1'
const system = createMockSystem({ port, host, seed, faults })

try {
  const bound = await system.listen()
  console.log(`mock-server: statistics system at http://${host}:${bound} (seed ${seed}${faults ? ', with faults' : ''})`)
  for (const path of API_PATHS)
    console.log(`  GET ${path}`)
}
catch (error) {
  const code = (error as NodeJS.ErrnoException).code
  fail(code === 'EADDRINUSE' ? `${host}:${port} is already in use (set MOCK_PORT)` : (error as Error).message)
}

function stop(): void {
  void system.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
