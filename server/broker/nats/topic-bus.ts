/**
 * Topic payloads on NATS: one subject per topic (wall.topic.<topic>), in a stream that keeps only
 * the last message of each subject. A subscriber reads that stream "last per subject" and then on,
 * so a hub joining late gets every topic's last value at once and misses nothing after it.
 */
import { DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream'
import { TOPIC_MAX_MESSAGE_BYTES, TOPIC_STREAM, TOPIC_SUBJECT_PREFIX } from '../config.ts'
import { BrokerUnavailableError, type TopicBus, type TopicSubscription } from '../types.ts'
import type { BrokerConnection } from './connection.ts'

export interface NatsTopicBusOptions {
  /** default TOPIC_STREAM */
  stream?: string
  /** default TOPIC_SUBJECT_PREFIX; a provincial centre may use its own, e.g. wall.topic.110000 */
  subjectPrefix?: string
}

/** Topic names are dotted already ('national.kpi'): each part becomes one subject token. */
export function topicSubject(prefix: string, topic: string): string {
  if (!/^[\w-]+(?:\.[\w-]+)*$/.test(topic))
    throw new Error(`topic ${JSON.stringify(topic.slice(0, 64))} cannot be a NATS subject`)
  return `${prefix}.${topic}`
}

/** The NATS TopicBus; creates its stream when missing. */
export async function createNatsTopicBus(connection: BrokerConnection, options: NatsTopicBusOptions = {}): Promise<TopicBus> {
  const stream = options.stream ?? TOPIC_STREAM
  const prefix = options.subjectPrefix ?? TOPIC_SUBJECT_PREFIX
  const { js, jsm } = connection
  await connection.ensureStream({
    name: stream,
    subjects: [`${prefix}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_msgs_per_subject: 1,
    max_msg_size: TOPIC_MAX_MESSAGE_BYTES,
    discard: DiscardPolicy.Old,
  })

  async function subscribe(listener: (topic: string, payload: unknown) => void): Promise<TopicSubscription> {
    return connection.run('subscribe to topics', async () => {
      const { state } = await jsm.streams.info(stream)
      const consumer = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.LastPerSubject })
      const messages = await consumer.consume()
      let markReady!: () => void
      const ready = new Promise<void>((resolve) => {
        markReady = resolve
      })
      // The stream's last message is the last of its own subject, so it is always among the replayed ones.
      if (state.messages === 0)
        markReady()
      void (async () => {
        for await (const message of messages) {
          let payload: unknown
          try {
            payload = message.json()
          }
          catch {
            payload = undefined
          }
          try {
            if (payload !== undefined)
              listener(message.subject.slice(prefix.length + 1), payload)
          }
          catch {
            // The listener's own failure must not end the subscription for every later topic.
          }
          if (message.seq >= state.last_seq)
            markReady()
        }
      })()
      return {
        ready,
        stop: () => {
          markReady()
          void messages.close()
        },
      }
    })
  }

  return {
    async publish(topic, payload) {
      const subject = topicSubject(prefix, topic)
      await connection.run(`publish ${topic}`, () => js.publish(subject, JSON.stringify(payload)))
    },
    subscribe,
    async lastValues() {
      const values = new Map<string, unknown>()
      const subscription = await subscribe((topic, payload) => values.set(topic, payload))
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BrokerUnavailableError('read the last topic values')), connection.requestTimeoutMs)
      })
      try {
        await Promise.race([subscription.ready, timedOut])
      }
      finally {
        clearTimeout(timer)
        subscription.stop()
      }
      return values
    },
  }
}
