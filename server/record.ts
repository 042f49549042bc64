/**
 * `npm run record -- --from ws://127.0.0.1:8080/feed --seconds N --out FILE`: records what a hub
 * sends — every topic payload with its time — to a recording (server/upstream/recording.ts):
 * JSON lines, gzip when FILE ends in `.gz`. The replay upstream plays it back (UPSTREAM=replay
 * REPLAY_FILE=FILE). Frames are validated as a wall would; the hub's wall state is not recorded.
 * Ctrl-C stops early and keeps what was recorded.
 */
import { createWriteStream } from 'node:fs'
import { parseArgs } from 'node:util'
import { createGzip } from 'node:zlib'
import { pathToFileURL } from 'node:url'
import { WebSocket } from 'ws'
import { decodeServerFrame, MAX_FRAME_BYTES } from '#protocol'
import { createEntryWriter, headerLine } from './upstream/recording.ts'

export interface RecordOptions {
  /** ws://host:port/feed */
  from: string
  seconds: number
  out: string
  /** default Date.now */
  now?: () => number
  log?: (line: string) => void
  /** resolves to stop early */
  stop?: Promise<void>
}

export interface RecordResult {
  entries: number
  rejected: number
  /** ms from the first snapshot to the end */
  durationMs: number
}

/** Record a hub's feed to a file. Rejects when the hub cannot be reached or closes before its first snapshot. */
export function recordFeed(options: RecordOptions): Promise<RecordResult> {
  const now = options.now ?? Date.now
  const log = options.log ?? ((line: string) => console.error(line))
  const file = createWriteStream(options.out)
  const gzip = options.out.endsWith('.gz') ? createGzip() : null
  if (gzip)
    gzip.pipe(file)
  const sink = gzip ?? file
  const socket = new WebSocket(options.from, { maxPayload: MAX_FRAME_BYTES })
  const entryLine = createEntryWriter()
  let startedAt: number | null = null
  let entries = 0
  let rejected = 0
  let timer: NodeJS.Timeout | undefined

  return new Promise((resolve, reject) => {
    let settled = false
    function finish(error?: Error): void {
      if (settled)
        return
      settled = true
      clearTimeout(timer)
      socket.removeAllListeners('close')
      socket.on('error', () => {})
      socket.close()
      const durationMs = startedAt === null ? 0 : now() - startedAt
      file.once('close', () => error ? reject(error) : resolve({ entries, rejected, durationMs }))
      sink.end()
    }
    const write = (t: number, topic: string, payload: unknown) => {
      if (topic === 'wall.state' || startedAt === null)
        return
      sink.write(`${entryLine({ offsetMs: t - startedAt, topic, payload })}\n`)
      entries++
    }
    socket.on('message', (data, isBinary) => {
      const t = now()
      const decoded = decodeServerFrame(isBinary ? data : data.toString())
      rejected += decoded.rejections.length
      const message = decoded.message
      if (!message)
        return
      if (message.type === 'snapshot') {
        if (startedAt === null) {
          startedAt = t
          sink.write(`${headerLine({ recording: 1, source: { name: message.source.name, simulated: message.source.simulated }, startedAt, note: `recorded from ${options.from} for ${options.seconds} s` })}\n`)
          log(`record: recording ${options.from} (${message.source.name}) to ${options.out} for ${options.seconds} s`)
          timer = setTimeout(() => finish(), options.seconds * 1000)
        }
        for (const [topic, payload] of Object.entries(message.topics))
          write(t, topic, payload)
      }
      else if (message.type === 'patch') {
        write(t, message.topic, message.data)
      }
    })
    socket.on('error', error => finish(startedAt === null ? new Error(`cannot record ${options.from}: ${error.message}`) : undefined))
    socket.on('close', () => finish(startedAt === null ? new Error(`${options.from} closed before its first snapshot`) : undefined))
    void options.stop?.then(() => finish())
  })
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string', default: 'ws://127.0.0.1:8080/feed' },
      seconds: { type: 'string', default: '60' },
      out: { type: 'string' },
    },
  })
  const seconds = Number(values.seconds)
  if (!values.out || !Number.isFinite(seconds) || seconds <= 0) {
    console.error('usage: npm run record -- --from ws://127.0.0.1:8080/feed --seconds N --out FILE[.gz]')
    process.exit(2)
  }
  let interrupt: () => void = () => {}
  process.once('SIGINT', () => interrupt())
  try {
    const result = await recordFeed({ from: values.from, seconds, out: values.out, stop: new Promise((resolve) => { interrupt = resolve }) })
    console.error(`record: ${result.entries} payloads over ${Math.round(result.durationMs / 1000)} s written to ${values.out}${result.rejected ? ` (${result.rejected} invalid ones left out)` : ''}`)
    process.exit(0)
  }
  catch (error) {
    console.error(`record: ${(error as Error).message}`)
    process.exit(1)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await main()
