/**
 * For tests only: a nats-server of their own, on a free port of 127.0.0.1, with JetStream storing in
 * a fresh temporary folder. Each test file starts one in beforeAll and stops it in afterAll, so test
 * files running side by side never share a broker, and nothing is left behind.
 *
 * The binary is Debian's `nats-server` (scripts/ensure-nats.mjs installs it); NATS_SERVER_PATH
 * points at another one.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** How long a nats-server may take to say it is ready: seconds on a busy two-core machine. */
const START_TIMEOUT_MS = 10_000
/** How long it may take to stop after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 5_000

/** Where the server binary is: NATS_SERVER_PATH, else Debian's path, else whatever PATH finds. */
export function natsServerPath(): string {
  const configured = process.env.NATS_SERVER_PATH
  if (configured)
    return configured
  return existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server'
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

export interface TestNatsServer {
  /** nats://127.0.0.1:<port> */
  readonly url: string
  readonly port: number
  /** the JetStream store: kept across stop() and start(), removed by dispose() */
  readonly storeDir: string
  /** true while the process runs */
  readonly running: boolean
  /** Stop the process (SIGTERM, then SIGKILL); JetStream data stays for the next start(). */
  stop: () => Promise<void>
  /** Start it again on the same port with the same store, as a restarted broker. */
  start: () => Promise<void>
  /** Stop it and remove its store. */
  dispose: () => Promise<void>
}

/**
 * Start a nats-server with JetStream for a test. Rejects with a message saying what to install
 * when the binary is missing.
 */
export async function startNatsServer(options: { port?: number, /** default true */ jetstream?: boolean } = {}): Promise<TestNatsServer> {
  const port = options.port ?? await freePort()
  const storeDir = mkdtempSync(join(tmpdir(), 'command-wall-nats-'))
  let child: ChildProcess | null = null

  async function start(): Promise<void> {
    if (child)
      return
    const binary = natsServerPath()
    const args = ['-a', '127.0.0.1', '-p', String(port), ...(options.jetstream === false ? [] : ['-js', '-sd', storeDir])]
    const process_ = spawn(binary, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child = process_
    await new Promise<void>((resolve, reject) => {
      let log = ''
      const fail = (message: string) => {
        clearTimeout(timer)
        process_.kill('SIGKILL')
        child = null
        reject(new Error(message))
      }
      const timer = setTimeout(() => fail(`nats-server did not become ready within ${START_TIMEOUT_MS} ms:\n${log}`), START_TIMEOUT_MS)
      process_.once('error', (error: NodeJS.ErrnoException) => {
        fail(error.code === 'ENOENT'
          ? `${binary} not found: run \`node scripts/ensure-nats.mjs\` (as root it installs Debian's nats-server), or set NATS_SERVER_PATH`
          : `nats-server did not start: ${error.message}`)
      })
      process_.once('exit', (code) => {
        if (child === process_)
          fail(`nats-server exited with ${code} before it was ready:\n${log}`)
      })
      process_.stderr!.setEncoding('utf8')
      process_.stderr!.on('data', (chunk: string) => {
        if (log.length < 64 * 1024)
          log += chunk
        if (log.includes('Server is ready')) {
          clearTimeout(timer)
          process_.stderr!.removeAllListeners('data')
          process_.stderr!.resume()
          resolve()
        }
      })
    })
  }

  async function stop(): Promise<void> {
    const running = child
    if (!running)
      return
    child = null
    if (running.exitCode !== null || running.signalCode !== null)
      return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => running.kill('SIGKILL'), STOP_TIMEOUT_MS)
      running.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      running.kill('SIGTERM')
    })
  }

  await start()
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    get running() {
      return child !== null
    },
    stop,
    start,
    async dispose() {
      await stop()
      rmSync(storeDir, { recursive: true, force: true })
    },
  }
}
