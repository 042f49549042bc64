/**
 * Broker mode: this hub's walls in the shared wall directory, and the walls of every hub for the
 * control terminal. A wall is named `<hub>/<wall>` there, so the operator sees which hub serves it
 * and the names of two hubs never clash.
 */
import type { ControlHubWall } from '../control/endpoint.ts'
import type { BrokerAvailability, WallDirectory } from '../broker/types.ts'
import type { FeedHub } from './hub.ts'

/**
 * A hub's report of its walls goes out at most this often: a wall's status changes every few
 * seconds, and a thousand walls connecting after a failover would otherwise be a thousand reports.
 */
export const WALL_REPORT_EVERY_MS = 1000

export interface ClusterWallsOptions {
  hubId: string
  walls: WallDirectory
  broker: BrokerAvailability
  /** where a failed report is said; default nowhere (the directory refreshes by itself) */
  onError?: (error: unknown) => void
}

export interface ClusterWalls {
  /** this hub's walls as they are now, and every other hub's as the directory has them */
  clients: () => ControlHubWall[]
  stop: () => void
}

export function shareWalls(hub: FeedHub, options: ClusterWallsOptions): ClusterWalls {
  let timer: NodeJS.Timeout | null = null
  let reportedAt = 0

  function report(): void {
    timer = null
    // Told again when the broker is back (below): no failed report a second meanwhile.
    if (!options.broker.available)
      return
    reportedAt = Date.now()
    const walls = hub.clients().map(({ id, remoteAddress, connectedAt, lastSeenAt, status }) => ({ id, remoteAddress, connectedAt, lastSeenAt, status }))
    options.walls.report(walls).catch(error => options.onError?.(error))
  }

  function schedule(): void {
    if (timer)
      return
    timer = setTimeout(report, Math.max(0, reportedAt + WALL_REPORT_EVERY_MS - Date.now()))
    timer.unref()
  }

  const unsubscribe = hub.onClientsChanged(schedule)
  // Walls that came or went while the broker was away are told once it is back.
  const unwatch = options.broker.onAvailabilityChange((available) => {
    if (available)
      schedule()
  })
  schedule()

  return {
    clients() {
      const own = hub.clients().map(wall => ({ ...wall, id: `${options.hubId}/${wall.id}` }))
      const others = options.walls.list()
        .filter(wall => wall.hubId !== options.hubId)
        .map(wall => ({ ...wall, id: `${wall.hubId}/${wall.id}` }))
      return [...own, ...others].sort((a, b) => a.connectedAt - b.connectedAt || a.id.localeCompare(b.id))
    },
    stop() {
      unsubscribe()
      unwatch()
      if (timer)
        clearTimeout(timer)
    },
  }
}
