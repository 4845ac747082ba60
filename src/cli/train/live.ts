/**
 * A broker source wired for training: records in, and on the side the settlement rules of the
 * contract — dead letters published to their sink and then terminated, metrics and prequential
 * predictions published, and records acknowledged only after a durable state covers them.
 */
import type { Observable } from 'rxjs'
import type { DeadLetter } from '../../spec/records.js'
import type { SourceSpec } from '../../spec/source.js'
import type { BrokerSource, Position } from '../../sources/broker.js'
import type { RawRecord } from '../../sources/decode.js'
import { natsSource } from '../../sources/nats.js'
import { connectNats } from '../../sources/nats/link.js'
import { ensureStream, natsPublisher } from '../../sources/nats/publish.js'
import { redisSource } from '../../sources/redis.js'
import { redisAppender } from '../../sources/redis/append.js'
import type { JsonSink } from '../../sources/sink.js'
import { jetstreamManager } from '@nats-io/jetstream'
import { float32Text } from '../format.js'
import type { StepReport } from './engine.js'

/** A broker source for a trainer. */
export interface LiveSource {
  readonly records: Observable<RawRecord>
  /** A durable state now covers everything up to `position`: settle it with the broker (after the sinks are flushed). */
  readonly covered: (position: Position) => void
  /** Publishes a dead letter (`{seq, subject, raw, error}`), then terminates its message. */
  readonly deadLetter: (d: DeadLetter, record: RawRecord) => void
  /** Publishes the step's metrics and the predictions it made before training on its events. */
  readonly step: (s: StepReport) => void
  /** Publishes the summary, waits for every publish and acknowledgement, and disconnects. */
  readonly finish: (summary: object) => Promise<void>
}

type Broker = Extract<SourceSpec, { type: 'nats' | 'redis' }>

/** The contract's broker dead letter: the stream sequence instead of a line number. */
export const brokerDeadLetter = (d: DeadLetter, record: RawRecord): object => ({
  seq: d.line,
  subject: d.subject ?? record.subject ?? '',
  ...(record.id === undefined ? {} : { id: record.id }),
  raw: d.raw,
  error: d.error,
})

/** Connects the sinks a broker source names. */
const openSinks = async (source: Broker): Promise<{ deadLetters?: JsonSink; metrics?: JsonSink; predictions?: JsonSink; close: () => Promise<void> }> => {
  if (source.type === 'redis') {
    const s = source.sinks ?? {}
    const made = {
      ...(s.deadLetters ? { deadLetters: redisAppender(source.url, s.deadLetters) } : {}),
      ...(s.metrics ? { metrics: redisAppender(source.url, s.metrics) } : {}),
      ...(s.predictions ? { predictions: redisAppender(source.url, s.predictions) } : {}),
    }
    return { ...made, close: async () => void (await Promise.all(Object.values(made).map((k) => k.close()))) }
  }
  const s = source.sinks ?? {}
  const targets = Object.entries(s).filter((e): e is [string, { stream: string; subject: string }] => e[1] !== undefined)
  if (targets.length === 0) return { close: async () => {} }
  const nc = await connectNats({ servers: source.servers })
  const jsm = await jetstreamManager(nc)
  for (const [, t] of targets) await ensureStream(jsm, t.stream, t.subject)
  const made = Object.fromEntries(targets.map(([k, t]) => [k, natsPublisher(nc, t.subject)])) as Record<string, JsonSink>
  return {
    ...made,
    close: async () => {
      await Promise.all(Object.values(made).map((k) => k.flush()))
      await nc.close()
    },
  }
}

/** The broker source of a spec, resuming after `startAfter` (the state's position) when given. */
export const openLive = async (source: Broker, startAfter: Position | null): Promise<LiveSource> => {
  if (source.type === 'nats') {
    // A trainer started before its producer creates the stream it reads, as a producer would.
    const nc = await connectNats({ servers: source.servers })
    try {
      await ensureStream(await jetstreamManager(nc), source.stream, source.subject)
    } finally {
      await nc.close()
    }
  }
  const broker: BrokerSource =
    source.type === 'nats'
      ? natsSource({
          servers: source.servers,
          stream: source.stream,
          subject: source.subject,
          durable: source.durable,
          ...(source.stop ? { stop: source.stop } : {}),
          ...(startAfter === null ? {} : { startAfter: startAfter.line }),
        })
      : redisSource({
          url: source.url,
          stream: source.stream,
          group: source.group,
          consumer: source.consumer,
          ...(source.stop ? { stop: source.stop } : {}),
          ...(startAfter?.id === undefined ? {} : { startAfter: startAfter.id }),
        })
  const sinks = await openSinks(source)
  // Settlements run one after another, each after the sinks have stored what came before it.
  let settling: Promise<void> = Promise.resolve()
  const settle = (work: () => Promise<void>): void => {
    settling = settling.then(work).catch(() => {})
  }
  return {
    records: broker.records,
    covered: (position) =>
      settle(async () => {
        await sinks.deadLetters?.flush()
        await broker.acknowledge(position)
      }),
    deadLetter: (d, record) => {
      const letter = brokerDeadLetter(d, record)
      const stored = sinks.deadLetters?.write(letter) ?? Promise.resolve()
      void stored.then(() => broker.terminate({ line: record.line, ...(record.id === undefined ? {} : { id: record.id }) }, d.error)).catch(() => {})
    },
    step: (s) => {
      if (s.applied) void sinks.metrics?.write({ step: s.step, loss: s.loss }).catch(() => {})
      if (sinks.predictions !== undefined) {
        const width = s.yhat.shape[1]
        s.lines.forEach((line, i) => {
          const y = Array.from(s.yhat.data.subarray(i * width, (i + 1) * width), (v) => Number(float32Text(v)))
          void sinks.predictions?.write({ seq: line, y }).catch(() => {})
        })
      }
    },
    finish: async (summary) => {
      void sinks.metrics?.write({ summary }).catch(() => {})
      await settling
      await sinks.close()
      await broker.close()
    },
  }
}
