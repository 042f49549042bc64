/**
 * Drive the wall from a shell, for operators without a tablet and for scripted demos:
 *   WALL_CONTROL_TOKEN=… npx tsx scripts/wallctl.ts [--url ws://127.0.0.1:8080/control-feed] <command> [args]
 * Commands: show <page> | focus <unitId> | blackout on|off | banner <text>|--clear | raw '<command JSON>'
 * Prints the server's ack or nack and exits 0 or 1.
 */
import { randomUUID } from 'node:crypto'
import WebSocket from 'ws'
import { CONTROL_PATH, controlProtocols, PROTOCOL_VERSION } from '#protocol'

const args = process.argv.slice(2)
let url = `ws://127.0.0.1:${process.env.PORT ?? '8080'}${CONTROL_PATH}`
if (args[0] === '--url') {
  url = args[1] ?? url
  args.splice(0, 2)
}
const token = process.env.WALL_CONTROL_TOKEN
const [verb, ...rest] = args

function usage(): never {
  console.error('usage: WALL_CONTROL_TOKEN=… wallctl [--url ws://host:port/control-feed] show <page> | focus <unitId> | blackout on|off | banner <text>|--clear | raw <json>')
  process.exit(2)
}

function commandFor(): Record<string, unknown> {
  switch (verb) {
    case 'show': return { kind: 'showPage', page: rest[0] ?? usage() }
    case 'focus': return { kind: 'focusUnit', unitId: rest[0] ?? usage(), page: 'province' }
    case 'blackout': return { kind: 'setBlackout', on: rest[0] === 'on' }
    case 'banner': return { kind: 'setBanner', text: rest[0] === '--clear' ? null : rest.join(' ') }
    case 'raw': return JSON.parse(rest.join(' ')) as Record<string, unknown>
    default: return usage()
  }
}

if (!token)
  usage()
const command = commandFor()
const id = randomUUID()
const ws = new WebSocket(url, controlProtocols(token))
const timer = setTimeout(() => {
  console.error('no answer within 5 s')
  process.exit(1)
}, 5000)
ws.on('open', () => ws.send(JSON.stringify({ v: PROTOCOL_VERSION, type: 'command', id, command })))
ws.on('message', (data) => {
  const frame = JSON.parse(String(data)) as { type: string, id?: string, code?: string, message?: string, revision?: number }
  if (frame.id !== id)
    return
  clearTimeout(timer)
  if (frame.type === 'ack')
    console.log(`ok, revision ${frame.revision}`)
  else
    console.error(`refused: ${frame.code}: ${frame.message}`)
  ws.close()
  process.exit(frame.type === 'ack' ? 0 : 1)
})
ws.on('close', (code, reason) => {
  console.error(`closed: ${code} ${String(reason)}`)
  process.exit(1)
})
ws.on('error', (error) => {
  console.error(`cannot connect to ${url}: ${error.message}`)
  process.exit(1)
})
