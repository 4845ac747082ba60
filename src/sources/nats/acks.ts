/**
 * The JetStream acknowledgement protocol spoken on a message's reply subject. The source keeps
 * only reply subjects, not the messages: a message's payload is a view into the socket buffer it
 * arrived in, and holding thousands of them until the next checkpoint would hold those buffers.
 */
import type { JsMsg } from '@nats-io/jetstream'
import type { NatsConnection } from '@nats-io/transport-node'

/** The reply subject the broker settles `m` on. */
export const replyOf = (m: JsMsg): string => {
  const reply = 'reply' in m ? m.reply : undefined
  if (typeof reply !== 'string' || reply === '') {
    throw new Error(`JetStream message ${m.seq} on ${m.subject} has no reply subject to acknowledge it on`)
  }
  return reply
}

/** The `+ACK` payload. */
export const ACK = '+ACK'

/**
 * The `+TERM` payload: never deliver again. Servers from 2.11 put a reason in their advisory;
 * older ones ignore a `+TERM` that carries one (the message stays pending), so they get none.
 */
export const term = (serverVersion: string | undefined, reason: string): string => {
  const [major = 0, minor = 0] = (serverVersion ?? '').split('.').map(Number)
  const reasons = major > 2 || (major === 2 && minor >= 11)
  return reasons && reason !== '' ? `+TERM ${reason}` : '+TERM'
}

/** How long the broker has to confirm a settlement. */
export const confirmMs = 5000

/**
 * Settles every reply with `payload`, then waits for the broker to confirm the last one. The
 * broker handles one connection's acknowledgements in order, so that confirms them all.
 */
export const settle = async (nc: NatsConnection, replies: readonly string[], payload: string): Promise<void> => {
  if (replies.length === 0) return
  for (let i = 0; i < replies.length - 1; i++) nc.publish(replies[i], payload)
  await nc.request(replies[replies.length - 1], payload, { timeout: confirmMs })
}
