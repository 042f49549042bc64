/**
 * A DataSource brings validated feed messages to the wall. One file per transport
 * (websocket.ts, …); the factory in index.ts picks one from config/wall.json.
 */
import type { ClientMessage, Rejection, ServerMessage } from '~/protocol'

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline'

export interface DataSourceHandlers {
  /** a validated message (snapshot, patch, heartbeat, error) */
  message: (message: ServerMessage) => void
  /** a frame, or part of a snapshot, that failed validation; the source keeps going */
  rejected: (rejection: Rejection) => void
  /** connection status changes */
  status: (status: ConnectionStatus) => void
}

/** The payload of each event, for the source's `mitt` emitter. */
export type DataSourceEvents = { [K in keyof DataSourceHandlers]: Parameters<DataSourceHandlers[K]>[0] }

export interface DataSource {
  readonly kind: string
  readonly status: ConnectionStatus
  /** start connecting; reconnects by itself until close() */
  connect: () => void
  /** stop for good and release timers and sockets */
  close: () => void
  /** send a message to the server; false when not connected */
  send: (message: ClientMessage) => boolean
  /** subscribe; returns the unsubscribe function */
  on: <K extends keyof DataSourceHandlers>(event: K, handler: DataSourceHandlers[K]) => () => void
}
