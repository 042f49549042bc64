/**
 * One NATS connection per hub, and the rule every NATS operation goes through: fail at once with
 * BrokerUnavailableError while disconnected (rather than wait for the client's timeout), and turn
 * the client's transport errors into that same typed error. Reconnects never stop.
 */
import { jetstream, JetStreamApiCodes, JetStreamApiError, jetstreamManager, type JetStreamClient, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream'
import { Kvm, type KV, type KvOptions } from '@nats-io/kv'
import { connect, type NatsConnection } from '@nats-io/transport-node'
import { BROKER_RECONNECT_WAIT_MS, BROKER_REQUEST_TIMEOUT_MS, BROKER_SETUP_TIMEOUT_MS } from '../config.ts'
import { createWatchedFlag } from '../flag.ts'
import { BrokerUnavailableError, type BrokerAvailability } from '../types.ts'

export interface BrokerConnectOptions {
  /** NATS_URL: one URL, or several separated by commas (the members of a cluster) */
  servers: string | readonly string[]
  /** shown by the broker's monitoring, e.g. the hub's id */
  name?: string
  /** default BROKER_REQUEST_TIMEOUT_MS */
  requestTimeoutMs?: number
  /** default BROKER_RECONNECT_WAIT_MS */
  reconnectWaitMs?: number
  /** default BROKER_SETUP_TIMEOUT_MS */
  setupTimeoutMs?: number
  /**
   * Copies of every bucket and stream this hub creates: 1 on a single nats-server, 3 on a
   * three-node cluster (so one node may fail). Only applies when a bucket or stream is created.
   */
  replicas?: number
}

export interface BrokerConnection extends BrokerAvailability {
  readonly nc: NatsConnection
  readonly js: JetStreamClient
  readonly jsm: JetStreamManager
  readonly kvm: Kvm
  readonly requestTimeoutMs: number
  /** copies of each bucket and stream created through this connection */
  readonly replicas: number
  /**
   * Run one broker operation: rejects with BrokerUnavailableError at once while disconnected, and
   * when the client fails for want of the broker. Other errors (a refused compare-and-set, a bad
   * argument) pass through unchanged.
   */
  run: <T>(operation: string, work: () => Promise<T>) => Promise<T>
  /** Open a KV bucket, creating it (with `replicas` copies) when missing. */
  openBucket: (name: string, options: Partial<KvOptions>) => Promise<KV>
  /** Make sure a stream exists, creating it (with `replicas` copies) when missing; an existing one is left as it is. */
  ensureStream: (config: Partial<StreamConfig> & { name: string }) => Promise<void>
  /** Close for good (no reconnect); pending operations fail. */
  close: () => Promise<void>
}

/** JetStream API errors that mean "not now" rather than "no": JetStream still starting, or gone. */
function isTemporaryApiError(error: JetStreamApiError): boolean {
  return error.status === 503
}

/** True when `error` comes from the broker being out of reach, not from the request itself. */
export function isTransportError(error: unknown): boolean {
  if (error instanceof JetStreamApiError)
    return isTemporaryApiError(error)
  if (!(error instanceof Error))
    return false
  return [
    'TimeoutError',
    'ClosedConnectionError',
    'ConnectionError',
    'NoRespondersError',
    'DrainingConnectionError',
    'RequestError',
    'JetStreamNotEnabled',
    'JetStreamStatusError',
  ].includes(error.name)
}

function serverList(servers: string | readonly string[]): string[] {
  const list = typeof servers === 'string' ? servers.split(',') : [...servers]
  return list.map(server => server.trim()).filter(server => server !== '')
}

/**
 * Connect to NATS with JetStream. Rejects with BrokerUnavailableError when no server answers now;
 * once connected, it reconnects by itself for as long as the hub runs.
 */
export async function connectBroker(options: BrokerConnectOptions): Promise<BrokerConnection> {
  const requestTimeoutMs = options.requestTimeoutMs ?? BROKER_REQUEST_TIMEOUT_MS
  let nc: NatsConnection
  try {
    nc = await connect({
      servers: serverList(options.servers),
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.reconnectWaitMs ?? BROKER_RECONNECT_WAIT_MS,
      timeout: requestTimeoutMs,
    })
  }
  catch (error) {
    throw new BrokerUnavailableError(`connect to ${serverList(options.servers).join(', ')}`, { cause: error })
  }
  const js = jetstream(nc, { timeout: requestTimeoutMs })
  let jsm: JetStreamManager
  try {
    jsm = await jetstreamManager(nc, { timeout: requestTimeoutMs })
  }
  catch (error) {
    await nc.close()
    if (error instanceof Error && error.name === 'JetStreamNotEnabled')
      throw new Error(`JetStream is not enabled on ${serverList(options.servers).join(', ')}: start nats-server with -js (or a jetstream block)`, { cause: error })
    throw new BrokerUnavailableError('reach JetStream', { cause: error })
  }
  const kvm = new Kvm(js)
  // Setting up buckets and streams may take far longer than an operation; it has its own clients.
  const setupTimeoutMs = options.setupTimeoutMs ?? BROKER_SETUP_TIMEOUT_MS
  const setupJs = jetstream(nc, { timeout: setupTimeoutMs })
  const setupJsm = await jetstreamManager(nc, { timeout: setupTimeoutMs })
  const replicas = options.replicas ?? 1

  const available = createWatchedFlag(true)
  let closed = false
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnecting' || status.type === 'staleConnection')
        available.set(false)
      else if (status.type === 'reconnect')
        available.set(true)
    }
  })()
  void nc.closed().then(() => {
    closed = true
    available.set(false)
  })

  async function run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (!available.value || closed)
      throw new BrokerUnavailableError(operation)
    try {
      return await work()
    }
    catch (error) {
      if (isTransportError(error))
        throw new BrokerUnavailableError(operation, { cause: error })
      throw error
    }
  }

  return {
    nc,
    js,
    jsm,
    kvm,
    requestTimeoutMs,
    replicas,
    get available() {
      return available.value
    },
    onAvailabilityChange: available.onChange,
    run,
    openBucket(name, bucketOptions) {
      return run(`open the ${name} bucket`, async () => {
        await new Kvm(setupJs).create(name, { ...bucketOptions, replicas })
        // Bound again for its operations, with the short timeout of an operation.
        return kvm.open(name)
      })
    },
    ensureStream(config) {
      return run(`open the ${config.name} stream`, async () => {
        try {
          await setupJsm.streams.info(config.name)
        }
        catch (error) {
          if (!(error instanceof Error) || error.name !== 'StreamNotFoundError')
            throw error
          await setupJsm.streams.add({ ...config, num_replicas: replicas })
        }
      })
    },
    async close() {
      if (!nc.isClosed())
        await nc.close()
    },
  }
}

/** True for the refusal of a write whose expected revision is no longer the last one. */
export function isWrongLastSequence(error: unknown): boolean {
  return error instanceof JetStreamApiError && (error.code === JetStreamApiCodes.StreamWrongLastSequence || error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
}
