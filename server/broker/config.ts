/**
 * The broker layer's limits and names, each with its reason. Tests pass smaller values through the
 * options of each implementation (a lease of seconds rather than tens of seconds); production
 * uses these.
 */

/**
 * A broker request that takes longer than this fails as "broker unavailable". Short, because a
 * control command waits on it while an operator watches: better a clear refusal in 2 s than a
 * hang. (The client's own default is 5 s.)
 */
export const BROKER_REQUEST_TIMEOUT_MS = 2_000

/**
 * Creating a bucket or stream may take this long: on a cluster, a replicated one forms a group of
 * its own on several members, which takes seconds on a busy machine. Done once, when a hub starts.
 */
export const BROKER_SETUP_TIMEOUT_MS = 15_000

/**
 * Wait between reconnect attempts. Attempts never stop (the hub must come back by itself when
 * NATS does), and a quarter second keeps the outage a wall sees short without hammering a broker
 * that is starting up.
 */
export const BROKER_RECONNECT_WAIT_MS = 250

/** JetStream KV bucket of the shared wall state (stream KV_WALL_STATE). */
export const WALL_STATE_BUCKET = 'WALL_STATE'
/** The key of the wall state in its bucket: one wall state per deployment. */
export const WALL_STATE_KEY = 'wall'
/**
 * Past wall states the bucket keeps: enough for a person to see what the last few commands did
 * after an incident; the audit stream is the full record.
 */
export const WALL_STATE_HISTORY = 10

/** Stream of the audit log: one message per accepted command, on wall.audit.<command kind>. */
export const AUDIT_STREAM = 'WALL_AUDIT'
export const AUDIT_SUBJECT_PREFIX = 'wall.audit'
/** The newest entries read back when a caller names no limit (as readAudit in the embedded mode). */
export const AUDIT_READ_DEFAULT_LIMIT = 100
/** The most entries one read returns: a control terminal shows pages, never the whole history. */
export const AUDIT_READ_MAX_LIMIT = 10_000

/** Stream of topic payloads, one subject per topic, keeping only the last message of each. */
export const TOPIC_STREAM = 'WALL_TOPICS'
export const TOPIC_SUBJECT_PREFIX = 'wall.topic'
/**
 * The largest topic message the stream takes: a payload must fit in one wall frame
 * (MAX_FRAME_BYTES, 256 KiB) anyway; the envelope around it is small.
 */
export const TOPIC_MAX_MESSAGE_BYTES = 256 * 1024

/** KV bucket of the walls every hub reports (key <hub>.<wall>). */
export const WALL_DIRECTORY_BUCKET = 'WALL_DIRECTORY'
/**
 * A wall whose hub has not refreshed it for this long drops out of every hub's list: three
 * refreshes missed, so one slow refresh does not make walls flicker out of the control terminal.
 */
export const WALL_DIRECTORY_TTL_MS = 15_000
/** How often a hub re-reports all its walls; a third of the TTL. */
export const WALL_DIRECTORY_REFRESH_MS = WALL_DIRECTORY_TTL_MS / 3

/** KV bucket of leader leases (key = the role, e.g. playlist-clock). */
export const LEADER_BUCKET = 'WALL_LEADER'
/** The role that runs the playlist clock, once per deployment. */
export const PLAYLIST_CLOCK_ROLE = 'playlist-clock'
/**
 * How long a leader's claim lasts without renewal. When a leader's hub dies, the playlist stops
 * advancing for at most this long plus one renewal period; shorter would risk two leaders on a
 * broker that is briefly slow. A dwell time is at least MIN_DWELL_SEC (5 s), so one item may run
 * long once, never be skipped.
 */
export const LEADER_LEASE_MS = 10_000
/** A leader renews, and a follower tries to claim, this often: a third of the lease. */
export const LEADER_RENEW_MS = LEADER_LEASE_MS / 3

/**
 * How many times a command without expectRevision is applied again when another hub changed the
 * wall state between load and write. Commands are states ("show page X"), so applying one to the
 * newer state is right; two operators clashing three times in a row is not human-paced any more,
 * and the third refusal goes back to the operator as staleRevision.
 */
export const COMMIT_ATTEMPTS = 3
