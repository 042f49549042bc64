/**
 * Pick the wall's DataSource from its configuration. A new transport is one file beside this one
 * and one line in TRANSPORTS (see README.md).
 */
import { wallConfig, type WallConfig } from '~/config'
import type { DataSource } from './types'
import { createWebSocketSource } from './websocket'

export type { ConnectionStatus, DataSource, DataSourceHandlers } from './types'
export { createWebSocketSource, type WebSocketSourceOptions } from './websocket'

const TRANSPORTS: Record<string, (config: WallConfig) => DataSource> = {
  websocket: config => createWebSocketSource({
    url: config.dataSource.urls,
    viewToken: config.dataSource.viewToken ?? null,
    heartbeatTimeoutMs: config.heartbeatTimeoutMs,
    reconnect: config.reconnect,
  }),
}

/** The kinds config/wall.json may name in `dataSource.kind`. */
export const DATA_SOURCE_KINDS: readonly string[] = Object.keys(TRANSPORTS)

/** Build (not connect) the configured DataSource. Throws for a kind no transport answers to. */
export function createDataSource(config: WallConfig = wallConfig()): DataSource {
  const kind = config.dataSource.kind
  const create = Object.hasOwn(TRANSPORTS, kind) ? TRANSPORTS[kind] : undefined
  if (!create)
    throw new Error(`unknown data source kind "${kind}"; known: ${DATA_SOURCE_KINDS.join(', ')}`)
  return create(config)
}
