/**
 * One control command against a shared WallStateStore: load → reducer → compare-and-set. The
 * reducer stays the one judge of a command; this adds only the race between hubs. A command that
 * named its expectRevision is refused 'staleRevision' when the state moved (the reducer says so on
 * the retry, with the same message as in the embedded mode); one that did not is applied again to
 * the newer state, at most COMMIT_ATTEMPTS times in all.
 *
 * A hub runs its own commands one after another (createCommandQueue), as the synchronous endpoint
 * does today; only commands from different hubs race, and the compare-and-set settles that.
 */
import type { CommandResult } from '#control'
import type { ControlErrorCode, WallState } from '#protocol'
import { COMMIT_ATTEMPTS } from './config.ts'
import type { WallStateStore } from './types.ts'

export type StoreCommandResult =
  | {
    ok: true
    state: WallState
    /** false when the command left the state as it was (nothing was written) */
    changed: boolean
    /** the store's revision of `state` */
    revision: number
  }
  | {
    ok: false
    code: ControlErrorCode
    message: string
    /** the state the command was refused against, for the nack's revision */
    current: WallState
  }

export interface ApplyToStoreOptions {
  /** the state to start from when the store holds none yet (a default state, or the saved file's) */
  initial: () => WallState
  /** default COMMIT_ATTEMPTS */
  attempts?: number
}

/**
 * Apply `apply` (the reducer, bound to the command and its context) to the store's state and
 * write the result if the store has not moved meanwhile. Throws BrokerUnavailableError when the
 * broker cannot be reached; nothing is then changed.
 */
export async function applyToStore(
  store: WallStateStore,
  apply: (state: WallState) => CommandResult,
  options: ApplyToStoreOptions,
): Promise<StoreCommandResult> {
  const attempts = Math.max(1, options.attempts ?? COMMIT_ATTEMPTS)
  let loaded = await store.load()
  for (let attempt = 1; ; attempt++) {
    const current = loaded?.state ?? options.initial()
    const result = apply(current)
    if (!result.ok)
      return { ok: false, code: result.code, message: result.message, current }
    if (!result.changed)
      return { ok: true, state: current, changed: false, revision: loaded?.revision ?? 0 }
    const written = await store.compareAndSet(result.state, loaded?.revision ?? 0)
    if (written.ok)
      return { ok: true, state: result.state, changed: true, revision: written.revision }
    if (attempt >= attempts)
      return { ok: false, code: written.code, message: written.message, current: written.current?.state ?? current }
    loaded = written.current
  }
}

/** Runs tasks one after another in the order given, each after the previous one settled. */
export interface CommandQueue {
  run: <T>(task: () => Promise<T>) => Promise<T>
  /** tasks given and not yet settled */
  readonly pending: number
}

export function createCommandQueue(): CommandQueue {
  let tail: Promise<unknown> = Promise.resolve()
  let pending = 0
  return {
    run(task) {
      pending++
      const result = tail.then(task).finally(() => {
        pending--
      })
      // A failed task must not stop the ones after it.
      tail = result.catch(() => {})
      return result
    },
    get pending() {
      return pending
    },
  }
}
