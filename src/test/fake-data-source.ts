/** A DataSource the test drives by hand: emit messages, rejections and status changes, read what was sent. */
import type { ConnectionStatus, DataSource, DataSourceHandlers } from '~/datasource/types'
import type { ClientMessage, Rejection, ServerMessage } from '~/protocol'

export interface FakeDataSource extends DataSource {
  connects: number
  closes: number
  sent: ClientMessage[]
  /** whether send() succeeds */
  open: boolean
  emitMessage: (message: ServerMessage) => void
  emitRejected: (rejection: Rejection) => void
  emitStatus: (status: ConnectionStatus) => void
}

export function createFakeDataSource(): FakeDataSource {
  const listeners: { [K in keyof DataSourceHandlers]: Set<DataSourceHandlers[K]> } = {
    message: new Set(),
    rejected: new Set(),
    status: new Set(),
  }
  let status: ConnectionStatus = 'connecting'
  const fake: FakeDataSource = {
    kind: 'fake',
    get status() {
      return status
    },
    connects: 0,
    closes: 0,
    sent: [],
    open: true,
    connect() {
      fake.connects++
    },
    close() {
      fake.closes++
    },
    send(message) {
      if (!fake.open)
        return false
      fake.sent.push(message)
      return true
    },
    on(event, handler) {
      const set = listeners[event] as Set<typeof handler>
      set.add(handler)
      return () => set.delete(handler)
    },
    emitMessage: message => listeners.message.forEach(h => h(message)),
    emitRejected: rejection => listeners.rejected.forEach(h => h(rejection)),
    emitStatus(next) {
      status = next
      listeners.status.forEach(h => h(next))
    },
  }
  return fake
}
