/**
 * What the hub needs from whatever carries its shared state: five small interfaces, one per
 * concern. The NATS implementations live in ./nats/, in-memory ones for a single process in
 * ./memory.ts (contract.test.ts holds both to the same checks). The rest of the server is meant
 * to see only these.
 *
 * Every operation that needs the broker fails with BrokerUnavailableError when it cannot reach it,
 * so a hub can refuse a control command with a clear reason and mark its data upstream-stale.
 */
import type { WallState, WallStatus } from '#protocol'
import type { AuditEntry } from '../control/persist.ts'

/** The broker cannot be reached now (disconnected, timed out, JetStream not answering). */
export class BrokerUnavailableError extends Error {
  override name = 'BrokerUnavailableError'
  /** what was being done, e.g. 'wall state compare-and-set' */
  readonly operation: string
  constructor(operation: string, options?: { cause?: unknown }) {
    super(`broker unavailable: ${operation} failed${describeCause(options?.cause)}`, options)
    this.operation = operation
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error && cause.message ? ` (${cause.message})` : ''
}

/** True for a BrokerUnavailableError, whichever copy of this module threw it. */
export function isBrokerUnavailable(error: unknown): error is BrokerUnavailableError {
  return error instanceof Error && error.name === 'BrokerUnavailableError'
}

/** Seen by availability listeners: the broker went away, or came back. */
export interface BrokerAvailability {
  /** true while operations can reach the broker */
  readonly available: boolean
  /** called with the new value on every change; returns the unsubscribe function */
  onAvailabilityChange: (listener: (available: boolean) => void) => () => void
}

/** A wall state and the store's revision of it (the compare-and-set token, not WallState.revision). */
export interface VersionedWallState {
  state: WallState
  /** opaque to callers; only ever passed back to compareAndSet */
  revision: number
}

/** The answer of compareAndSet. A refusal carries what the store holds now. */
export type CompareAndSetResult =
  | { ok: true, revision: number }
  | {
    ok: false
    /** the control channel's code for "the state changed meanwhile" */
    code: 'staleRevision'
    message: string
    /** what the store holds now (null when it holds nothing yet) */
    current: VersionedWallState | null
  }

/**
 * The wall state every hub shares. A command is applied as load → reducer → compareAndSet; when
 * another hub wrote in between, the write is refused and nothing changes, so two operators can
 * never interleave into a half state.
 */
export interface WallStateStore {
  /** the current state and its revision; null when nothing was stored yet */
  load: () => Promise<VersionedWallState | null>
  /**
   * Store `next` only if the store is still at `expectRevision` (0: only if nothing is stored yet).
   * Resolves with the new revision, or a 'staleRevision' refusal with the current state.
   */
  compareAndSet: (next: WallState, expectRevision: number) => Promise<CompareAndSetResult>
  /**
   * Calls `listener` with the current state and then with every change, whichever hub made it.
   * Resolves with the function that stops watching.
   */
  watch: (listener: (current: VersionedWallState) => void) => Promise<() => void>
}

/** One audit entry as read back, with its place in the log. */
export interface AuditRecord {
  /** the log's sequence number: strictly increasing, one per appended entry */
  seq: number
  entry: AuditEntry
}

/** The audit log of accepted commands, shared by every hub. */
export interface AuditLog {
  /** Append one entry durably; resolves with its sequence number. */
  append: (entry: AuditEntry) => Promise<number>
  /** The newest `limit` entries (default AUDIT_READ_DEFAULT_LIMIT), oldest first. */
  read: (options?: { limit?: number }) => Promise<AuditRecord[]>
}

/** A topic subscription: the last values first, then every new one. */
export interface TopicSubscription {
  /** resolves once the last value of every topic has been handed to the listener */
  ready: Promise<void>
  stop: () => void
}

/**
 * Topic payloads shared by every hub, keeping the last value of each topic, so a hub that joins
 * late gets everything at once. Payloads are passed as they are: validating them stays the hub's job.
 */
export interface TopicBus {
  /** Publish a topic's new value; resolves once the broker has stored it. */
  publish: (topic: string, payload: unknown) => Promise<void>
  /** The last value of every topic, then each value published from now on. */
  subscribe: (listener: (topic: string, payload: unknown) => void) => Promise<TopicSubscription>
  /** The last value of every topic, at once. */
  lastValues: () => Promise<Map<string, unknown>>
}

/** A wall as the directory lists it: the control terminal's view of a wall, and which hub has it. */
export interface DirectoryWall {
  /** the hub the wall is connected to */
  hubId: string
  /** the wall's id on that hub ('wall-1' …) */
  id: string
  remoteAddress: string | null
  connectedAt: number
  lastSeenAt: number
  status: WallStatus | null
}

/** Walls of every hub. Entries of a hub that stopped reporting expire by themselves. */
export interface WallDirectory {
  /** This hub's walls now; replaces its previous report (walls no longer in it are removed). */
  report: (walls: readonly Omit<DirectoryWall, 'hubId'>[]) => Promise<void>
  /** Every hub's walls, this one's included, without those whose hub has gone. */
  list: () => DirectoryWall[]
  /** Stop refreshing and remove this hub's walls. */
  close: () => Promise<void>
}

/**
 * Who runs a once-per-deployment duty (the playlist clock). At most one holder at a time; when the
 * holder's hub goes, another takes over within a lease.
 */
export interface LeaderElection {
  /** true while this hub holds the role */
  readonly isLeader: boolean
  /** called with the new value on every change; returns the unsubscribe function */
  onChange: (listener: (leader: boolean) => void) => () => void
  /** the holder's id now, as the broker has it; null when nobody holds it */
  leader: () => Promise<string | null>
  /** Give the role up (so another hub can take it at once) and stop campaigning. */
  resign: () => Promise<void>
}
