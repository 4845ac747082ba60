/**
 * A NATS JetStream durable pull consumer as a BrokerSource. `line` is the stream sequence and
 * `subject` the message's subject.
 *
 * Delivery: one pull of `batch` messages at a time, each emitted as it arrives; the next pull is
 * issued only after the last message of the previous one was emitted, so at most `batch` messages
 * wait in the client however fast the producer is. Acks are explicit and sent only by
 * `acknowledge`; `ack_wait` is long (an hour) so infrequent checkpoints cause no redelivery, and
 * a redelivery that happens anyway is recognised (sequence at or below the last one seen) and
 * never emitted twice. Resume and reconnect place the durable again (see nats/durable.ts).
 */
import { jetstream } from '@nats-io/jetstream'
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream'
import type { Subscriber } from 'rxjs'
import type { Numbered } from '../spec/records.js'
import { type BrokerSource, type Stop, defaultReconnect } from './broker.js'
import { ACK, replyOf, settle, term } from './nats/acks.js'
import { type DurableSpec, openDurable, recoverDurable } from './nats/durable.js'
import { type NatsLink, type NatsTarget, messageOf, natsLink, natsName } from './nats/link.js'
import { oneReader } from './reader.js'
import { retrying } from './retry.js'
import { eventLimit, idleClock, whenIdle } from './stopping.js'
import { unsettled } from './unsettled.js'

/** Where and how a NATS source reads. */
export interface NatsSourceOptions extends NatsTarget {
  readonly stream: string
  /** The filter subject (wildcards allowed). */
  readonly subject: string
  readonly durable: string
  /** Messages per pull (default 256). */
  readonly batch?: number
  /** Resume: the stream sequence a durable checkpoint covers; reading continues right after it. */
  readonly startAfter?: number | undefined
  readonly stop?: Stop
  /** Redelivery timeout of the durable in ms (default one hour). */
  readonly ackWaitMs?: number
  /** How long one pull waits for messages before the next is sent, in ms (≥ 1000; default 10 s). */
  readonly pullWaitMs?: number
}

/** A JetStream durable pull consumer on `subject` of `stream`; connects on first use. */
export const natsSource = (options: NatsSourceOptions): BrokerSource => {
  const { batch = 256, stop, pullWaitMs = 10_000 } = options
  const spec: DurableSpec = { ...options, ackWaitMs: options.ackWaitMs ?? 3_600_000 }
  const name = natsName(options.servers)
  const patience = options.reconnect ?? defaultReconnect
  const held = unsettled<number, string>()
  // Terminated sequences above `covered`: a replay after re-placing the durable must term them again.
  const terminated = new Set<number>()
  let link: Promise<NatsLink> | undefined
  let placed = false
  let covered = 0 // the highest sequence a durable checkpoint covers (startAfter, then acknowledge)
  let seen = 0 // the highest sequence handled (emitted, skipped, or replayed)
  let emitted = 0
  let maxBuffered = 0
  let closing = false
  let halt = (): void => {}

  const connection = (): Promise<NatsLink> => (link ??= natsLink(options))

  /** Emits `m` unless it was handled before; returns whether it was emitted. */
  const handle = ({ nc }: NatsLink, m: JsMsg, subscriber: Subscriber<Numbered<string>>): boolean => {
    const seq = m.seq
    const reply = replyOf(m)
    if (seq <= seen) {
      // A replay (re-placed durable) or a redelivery (ack_wait ran out) of a message handled before.
      if (seq <= covered) {
        held.remove(seq)
        nc.publish(reply, ACK)
      } else if (held.has(seq)) held.rebind(seq, reply)
      else nc.publish(reply, terminated.has(seq) ? term(nc.info?.version, 'terminated before') : ACK)
      return false
    }
    seen = seq
    if (seq <= covered) {
      nc.publish(reply, ACK)
      return false
    }
    held.add(seq, seq, reply)
    emitted++
    subscriber.next({ line: seq, value: m.string(), subject: m.subject })
    return true
  }

  const read = async (subscriber: Subscriber<Numbered<string>>, isActive: () => boolean): Promise<void> => {
    const l = await connection()
    const { jsm, live } = l
    const get = (): Promise<Consumer> => jetstream(l.nc).consumers.get(spec.stream, spec.durable)
    // After a reconnect JetStream may still be recovering its streams: give it the same patience.
    const recover = (): Promise<Consumer> =>
      retrying(patience, async () => {
        await live.up()
        await recoverDurable(jsm, spec, seen, covered)
        return get()
      })
    if (!placed) covered = seen = await openDurable(jsm, spec, options.startAfter)
    placed = true
    let consumer = await recover()
    let current: ConsumerMessages | undefined
    let idle = false
    const limit = eventLimit(stop)
    const clock = idleClock(stop)
    let count = 0
    let failures = 0 // pulls in a row that failed although the connection held
    halt = () => current?.stop()
    const offDrop = live.onDrop(() => current?.stop())
    const watchIdle = (): (() => void) =>
      whenIdle(clock, () => {
        idle = true
        current?.stop()
      })
    let cancelIdle = watchIdle()
    try {
      while (isActive() && !idle && count < limit) {
        const drops = live.drops()
        let failure: unknown
        try {
          current = await consumer.fetch({ max_messages: Math.min(batch, limit - count), expires: pullWaitMs })
          if (idle || !isActive()) current.stop() // it went quiet, or away, while the pull was being set up
          for await (const m of current) {
            if (!isActive()) break
            maxBuffered = Math.max(maxBuffered, current.getPending() + 1)
            // Only an emitted record restarts the idle wait: redeliveries of old ones do not.
            if (handle(l, m, subscriber)) {
              count++
              clock.touch()
            }
            if (count >= limit) break
          }
        } catch (e) {
          failure = e
        } finally {
          current?.stop()
          current = undefined
        }
        if (!isActive() || (idle && failure === undefined)) break
        if (live.drops() === drops) {
          if (failure === undefined) continue
          if (++failures > patience.attempts) throw failure
        }
        consumer = await recover()
        // Time without a broker is not a quiet stream: the idle wait starts again once it is back.
        clock.touch()
        idle = false
        cancelIdle()
        cancelIdle = watchIdle()
      }
    } finally {
      cancelIdle()
      offDrop()
      halt = () => {}
    }
  }

  const records = oneReader({
    label: `${name}: durable ${spec.durable}`,
    read,
    halt: () => halt(),
    closed: () => closing,
    failure: (e) => new Error(messageOf(e).startsWith(name) ? messageOf(e) : `${name}: ${messageOf(e)}`),
  })

  const acknowledge = async (upTo: { readonly line: number }): Promise<void> => {
    covered = Math.max(covered, upTo.line)
    for (const seq of terminated) if (seq <= covered) terminated.delete(seq)
    if (link === undefined) return
    const { nc, live } = await link
    for (let attempt = 1; ; attempt++) {
      const due = held.through(upTo.line)
      try {
        await settle(nc, due.map(([, h]) => h.handle), ACK)
        due.forEach(([seq]) => held.remove(seq))
        return
      } catch (e) {
        if (attempt >= 3) {
          throw new Error(`${name}: acknowledging through stream sequence ${upTo.line} failed (${messageOf(e)})`)
        }
        await live.up()
      }
    }
  }

  const terminate = async (record: { readonly line: number }, reason: string): Promise<void> => {
    const h = held.remove(record.line)
    if (h === undefined || link === undefined) return
    terminated.add(record.line)
    const { nc } = await link
    await settle(nc, [h.handle], term(nc.info?.version, reason)).catch((e: unknown) => {
      throw new Error(`${name}: terminating stream sequence ${record.line} failed (${messageOf(e)})`)
    })
  }

  const close = async (): Promise<void> => {
    closing = true
    halt()
    if (link === undefined) return
    const { nc } = await link.catch(() => ({ nc: undefined }))
    if (nc === undefined || nc.isClosed()) return
    await nc.flush().catch(() => {})
    await nc.close()
  }

  const stats = () => ({ emitted, unacknowledged: held.size(), maxBuffered })
  return { records, acknowledge, terminate, close, stats }
}
