/**
 * What every live broker source offers the trainer: raw records in stream order, and the calls
 * that settle them with the broker once a durable checkpoint covers them. A broker source is
 * one reader of one durable position (a JetStream durable, a Redis consumer), so `records` may be
 * subscribed once at a time.
 */
import type { Observable } from 'rxjs'
import type { Numbered } from '../spec/records.js'

/**
 * Where a record sits. `line` increases in the order records are emitted (the JetStream stream
 * sequence; for Redis a count of records read); `id` is the Redis entry ID, the durable position.
 */
export type Position = Pick<Numbered<unknown>, 'line' | 'id'>

/** When an unbounded source completes: after N emitted records, or after T ms without a message. */
export type Stop = { readonly events: number } | { readonly idleMs: number }

/** How long a source waits for a broker that went away: `attempts` tries, `waitMs` apart. */
export interface Reconnect {
  readonly attempts: number
  readonly waitMs: number
}

/** About a minute of patience: enough for a broker restart, short enough to report a dead one. */
export const defaultReconnect: Reconnect = { attempts: 60, waitMs: 1000 }

/** Counters for watching a running source. */
export interface SourceStats {
  /** Records handed downstream so far. */
  readonly emitted: number
  /** Records emitted and neither acknowledged nor terminated. */
  readonly unacknowledged: number
  /** Most records ever received from the broker and not yet emitted (the client-side buffer). */
  readonly maxBuffered: number
}

/** A live source of raw records from a broker, with acknowledgement under the caller's control. */
export interface BrokerSource {
  /**
   * The records, in stream order. Downstream work runs inside `next`, and the next batch is
   * pulled only after the last one was emitted, so a fast producer cannot grow the client's memory.
   * Unsubscribing stops reading; the connection stays open for `acknowledge` until `close`.
   */
  readonly records: Observable<Numbered<string>>
  /**
   * Settles every emitted record up to and including `upTo` (in emission order) with the broker.
   * Call it only once a durable checkpoint covers them; resolves when the broker has confirmed.
   * A rejection is safe to ignore: the records stay with the broker, a later call covers them,
   * and a resumed run skips them by its `startAfter`.
   */
  readonly acknowledge: (upTo: Position) => Promise<void>
  /** Settles one emitted record for good (a dead letter): the broker will not deliver it again. */
  readonly terminate: (record: Position, reason: string) => Promise<void>
  /** Stops reading and closes the connections; unacknowledged records stay with the broker. */
  readonly close: () => Promise<void>
  /** A snapshot of the counters. */
  readonly stats: () => SourceStats
}
