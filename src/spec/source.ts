/** Data sources: files (`jsonl`, `csv`), `stdin`, and the brokers (`nats`, `redis`) with their `stop` rule. */
import * as t from 'io-ts'
import { arrayOf, closed, isObject, tagged, variant } from './codecs.js'
import { NonEmptyString, PositiveInt, PositiveNumber } from './refined.js'
import { show } from './show.js'

const byEvents = closed('StopAfterEvents', { events: PositiveInt })
const byIdle = closed('StopWhenIdle', { idleMs: PositiveNumber })

/** When an unbounded source ends: after `events` messages, or after `idleMs` without one. */
export type StopSpec = t.TypeOf<typeof byEvents> | t.TypeOf<typeof byIdle>

/** Exactly one of `{"events": N}` and `{"idleMs": T}`; anything else names both forms. */
export const StopSpec = new t.Type<StopSpec, StopSpec, unknown>(
  'StopSpec',
  (u): u is StopSpec => byEvents.is(u) || byIdle.is(u),
  (u, c) => {
    const events = isObject(u) && Object.hasOwn(u, 'events')
    const idle = isObject(u) && Object.hasOwn(u, 'idleMs')
    if (events === idle) return t.failure(u, c, `expected {"events": N} or {"idleMs": T}, got ${show(u)}`)
    return events ? byEvents.validate(u, c) : byIdle.validate(u, c)
  },
  t.identity,
)

const serverList = arrayOf('a server URL or a non-empty array of them', NonEmptyString, { nonEmpty: true })

/** NATS `servers`: one URL or several, as the NATS client takes them. */
export const Servers = new t.Type<string | readonly string[], string | readonly string[], unknown>(
  serverList.name,
  (u): u is string | readonly string[] => NonEmptyString.is(u) || serverList.is(u),
  (u, c) => (Array.isArray(u) ? serverList.validate(u, c) : NonEmptyString.is(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
)

/** A JetStream destination: the stream to create if missing, and the subject to publish on. */
const natsTarget = closed('NatsTarget', { stream: NonEmptyString, subject: NonEmptyString })

/** Where a NATS trainer publishes dead letters, metrics, and the predictions it makes before training on each event. */
const natsSinks = closed('NatsSinks', {}, { deadLetters: natsTarget, metrics: natsTarget, predictions: natsTarget })

/** The Redis streams a trainer appends dead letters, metrics and predictions to. */
const redisSinks = closed('RedisSinks', {}, { deadLetters: NonEmptyString, metrics: NonEmptyString, predictions: NonEmptyString })

const columns = arrayOf('a non-empty array of column names', NonEmptyString, { nonEmpty: true })

/** Where events come from; relative paths resolve against the spec's folder (done by the sources). */
export const SourceSpec = tagged('SourceSpec', {
  jsonl: variant('jsonl', { path: NonEmptyString }),
  csv: variant('csv', { path: NonEmptyString, x: columns, y: columns }),
  stdin: variant('stdin', {}, { stop: StopSpec }),
  nats: variant(
    'nats',
    { servers: Servers, stream: NonEmptyString, subject: NonEmptyString, durable: NonEmptyString },
    { stop: StopSpec, sinks: natsSinks },
  ),
  redis: variant(
    'redis',
    { url: NonEmptyString, stream: NonEmptyString, group: NonEmptyString, consumer: NonEmptyString },
    { stop: StopSpec, sinks: redisSinks },
  ),
})
/** One source as written in the spec. */
export type SourceSpec = t.TypeOf<typeof SourceSpec>

/** The source types that read a broker: `data.epochs` does not apply to them. */
export const brokerTypes: ReadonlySet<SourceSpec['type']> = new Set(['nats', 'redis'])
