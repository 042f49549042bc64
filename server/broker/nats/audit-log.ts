/**
 * The audit log as a JetStream stream on wall.audit.<command kind>: every hub appends to it, the
 * stream numbers the entries, and a reader takes the newest ones back in order.
 */
import { DeliverPolicy, RetentionPolicy, StorageType, type JsMsg } from '@nats-io/jetstream'
import * as v from 'valibot'
import { auditEntrySchema, type AuditEntry } from '../../control/persist.ts'
import { AUDIT_READ_DEFAULT_LIMIT, AUDIT_READ_MAX_LIMIT, AUDIT_STREAM, AUDIT_SUBJECT_PREFIX } from '../config.ts'
import type { AuditLog, AuditRecord } from '../types.ts'
import type { BrokerConnection } from './connection.ts'

export interface NatsAuditLogOptions {
  /** default AUDIT_STREAM */
  stream?: string
  /** default AUDIT_SUBJECT_PREFIX */
  subjectPrefix?: string
}

/** One subject token: a command kind is one already; anything else is made one. */
export function subjectToken(text: string): string {
  const token = text.replace(/[^\w-]/g, '_')
  return token === '' ? '_' : token
}

function decode(message: JsMsg): AuditRecord | null {
  try {
    const parsed = v.safeParse(auditEntrySchema, message.json())
    return parsed.success ? { seq: message.seq, entry: parsed.output as AuditEntry } : null
  }
  catch {
    return null
  }
}

/** The NATS AuditLog; creates its stream when missing. */
export async function createNatsAuditLog(connection: BrokerConnection, options: NatsAuditLogOptions = {}): Promise<AuditLog> {
  const stream = options.stream ?? AUDIT_STREAM
  const prefix = options.subjectPrefix ?? AUDIT_SUBJECT_PREFIX
  const { jsm, js } = connection
  // Kept until someone decides otherwise: an audit log that forgets is no audit log.
  await connection.ensureStream({ name: stream, subjects: [`${prefix}.>`], storage: StorageType.File, retention: RetentionPolicy.Limits })

  return {
    async append(entry) {
      const ack = await connection.run('append to the audit log', () =>
        js.publish(`${prefix}.${subjectToken(entry.action)}`, JSON.stringify(entry)))
      return ack.seq
    },
    async read(readOptions = {}) {
      const limit = Math.min(Math.max(0, Math.floor(readOptions.limit ?? AUDIT_READ_DEFAULT_LIMIT)), AUDIT_READ_MAX_LIMIT)
      return connection.run('read the audit log', async () => {
        const { state } = await jsm.streams.info(stream)
        if (limit === 0 || state.messages === 0)
          return []
        const start = Math.max(state.first_seq, state.last_seq - limit + 1)
        const consumer = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start })
        const records: AuditRecord[] = []
        try {
          const messages = await consumer.fetch({ max_messages: state.last_seq - start + 1, expires: connection.requestTimeoutMs })
          for await (const message of messages) {
            const record = decode(message)
            if (record)
              records.push(record)
            if (message.seq >= state.last_seq)
              break
          }
        }
        finally {
          await consumer.delete().catch(() => {})
        }
        return records
      })
    },
  }
}
