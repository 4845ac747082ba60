/**
 * A Redis Streams consumer-group member as a BrokerSource. `id` is the entry ID (the durable
 * position), `line` counts the records this source emitted (entry IDs are two 64-bit numbers, which
 * no JS number orders exactly), and `subject` is the stream key.
 *
 * Delivery: first this member's own pending entries (XREADGROUP from an ID: a predecessor's
 * unacknowledged entries come at once), skipping and acknowledging those at or before `startAfter`;
 * then new entries (`>`), `count` per read, the next read only after the last entry was emitted.
 * Entries are XACKed only by `acknowledge` and `terminate`. Pending entries are kept fresh so that
 * other members do not take them while they wait for a checkpoint, and entries other members left
 * idle longer than `claimIdleMs` are taken over with XAUTOCLAIM.
 *
 * Known limit: a taken-over entry is usually older than the entries already read, and after a
 * crash `startAfter` judges it by its ID; one at or below the resume position counts as covered.
 */
import type { Subscriber } from 'rxjs'
import type { Numbered } from '../spec/records.js'
import type { BrokerSource, Position, Stop } from './broker.js'
import { type Entry, compareIds, rawOf, readReply } from './redis/entries.js'
import { ackEntries, claimIdle, ensureGroup, touchEntries } from './redis/group.js'
import { type RedisTarget, redisLink, redisName } from './redis/link.js'
import { oneReader } from './reader.js'
import { eventLimit, idleClock } from './stopping.js'
import { unsettled } from './unsettled.js'

/** Where and how a Redis source reads. */
export interface RedisSourceOptions extends RedisTarget {
  readonly stream: string
  readonly group: string
  readonly consumer: string
  /** Entries per read (default 256). */
  readonly count?: number
  /** How long one read waits for new entries, in ms (default 5000). */
  readonly blockMs?: number
  /** Take over other members' entries pending longer than this, in ms (default 60 s). */
  readonly claimIdleMs?: number
  /** Resume: the entry ID a durable checkpoint covers; own entries up to it are skipped and acked. */
  readonly startAfter?: string | undefined
  readonly stop?: Stop
  /** The entry field holding the raw record (default `data`). */
  readonly field?: string
}

/** A consumer-group member reading `stream` as `consumer` of `group`; connects on first use. */
export const redisSource = (options: RedisSourceOptions): BrokerSource => {
  const { stream, count = 256, blockMs = 5000, claimIdleMs = 60_000, startAfter, stop, field = 'data' } = options
  const name = redisName(options.url)
  const member = options
  const held = unsettled<string, string>()
  const control = redisLink(options, `${options.consumer}-control`)
  let cursor = '0' // the highest own entry ID handled: where a re-read of our pending entries starts
  let line = 0
  let maxBuffered = 0
  let closing = false
  let halt = (): void => {}
  let heartbeat: NodeJS.Timeout | undefined

  const beat = (): void => {
    const ids = held.through(Infinity).map(([id]) => id)
    // A failed refresh is simply tried again at the next beat; the reader reports a dead server.
    if (ids.length > 0) touchEntries(control.redis, member, ids).catch(() => {})
  }

  /** Emits `entry` unless it was emitted before; collects in `settleNow` what needs no training. */
  const handle = (entry: Entry, own: boolean, settleNow: string[], into: Subscriber<Numbered<string>>): boolean => {
    if (own && compareIds(entry.id, cursor) > 0) cursor = entry.id
    if (held.has(entry.id)) return false
    const covered = own && startAfter !== undefined && compareIds(entry.id, startAfter) <= 0
    if (covered || entry.fields === null) {
      settleNow.push(entry.id)
      return false
    }
    held.add(entry.id, ++line, entry.id)
    into.next({ line, value: rawOf(entry.fields, field), subject: stream, id: entry.id })
    return true
  }

  const read = async (subscriber: Subscriber<Numbered<string>>, isActive: () => boolean): Promise<void> => {
    heartbeat ??= setInterval(beat, claimIdleMs / 3).unref()
    const reader = redisLink(options, options.consumer)
    halt = () => reader.redis.disconnect()
    const limit = eventLimit(stop)
    const clock = idleClock(stop)
    let mode: 'history' | 'live' = 'history'
    let claimCursor = '0-0'
    let lastScan = -Infinity
    let n = 0
    try {
      await ensureGroup(control.redis, member).catch((e: unknown) => {
        throw control.failure(e, `creating group ${member.group} on ${stream}`)
      })
      while (isActive() && n < limit) {
        const want = Math.min(count, limit - n)
        const settleNow: string[] = []
        let batch: Entry[] = []
        let own = true
        const scanDue = claimCursor !== '0-0' || performance.now() - lastScan >= claimIdleMs / 2
        if (mode === 'live' && scanDue) {
          const claimed = await claimIdle(control.redis, member, claimIdleMs, claimCursor, want).catch((e: unknown) => {
            throw control.failure(e, `claiming idle entries of ${stream}`)
          })
          claimCursor = claimed.next
          if (claimCursor === '0-0') lastScan = performance.now()
          batch = claimed.entries
          own = false
        } else {
          const drops = reader.drops()
          const wait = Math.max(1, Math.ceil(Math.min(blockMs, claimIdleMs / 2, clock.left())))
          const from = mode === 'history' ? cursor : '>'
          const block = mode === 'live' ? ['BLOCK', String(wait)] : []
          const args = ['GROUP', member.group, member.consumer, 'COUNT', String(want), ...block, 'STREAMS', stream, from]
          let reply: unknown
          try {
            reply = await reader.redis.call('XREADGROUP', ...args)
          } catch (e) {
            if (!isActive()) return
            if (!(e instanceof Error && e.message.startsWith('NOGROUP'))) throw reader.failure(e, `reading ${stream}`)
            await ensureGroup(control.redis, member) // the server lost the group (a restart without persistence)
            mode = 'history'
            continue
          }
          if (reader.drops() !== drops) {
            // The reply may belong to a resent command whose first reply was lost: those entries
            // are pending for us now, and re-reading our pending entries finds them in order.
            mode = 'history'
            clock.touch()
            continue
          }
          batch = readReply(reply)
          if (mode === 'history' && batch.length === 0) mode = 'live'
          else if (batch.length === 0 && clock.left() <= 0) return
        }
        for (let i = 0; i < batch.length && isActive() && n < limit; i++) {
          maxBuffered = Math.max(maxBuffered, batch.length - i)
          if (handle(batch[i], own, settleNow, subscriber)) {
            n++
            clock.touch()
          }
        }
        if (settleNow.length > 0) await ackEntries(control.redis, member, settleNow)
      }
    } finally {
      halt = () => {}
      reader.redis.disconnect()
    }
  }

  const records = oneReader({
    label: `${name}: consumer ${options.consumer}`,
    read,
    halt: () => halt(),
    closed: () => closing,
    failure: (e) => (e instanceof Error && e.message.startsWith(name) ? e : control.failure(e, `reading ${stream}`)),
  })

  const acknowledge = async (upTo: Position): Promise<void> => {
    const due = held.through(upTo.line).map(([id]) => id)
    await ackEntries(control.redis, member, due).catch((e: unknown) => {
      throw control.failure(e, `acknowledging ${due.length} entries of ${stream}`)
    })
    due.forEach((id) => held.remove(id))
  }

  const terminate = async (record: Position, reason: string): Promise<void> => {
    if (record.id === undefined) {
      throw new RangeError(`terminate: a Redis record needs its entry id (line ${record.line}: ${reason})`)
    }
    await ackEntries(control.redis, member, [record.id]).catch((e: unknown) => {
      throw control.failure(e, `terminating entry ${record.id} of ${stream}`)
    })
    held.remove(record.id)
  }

  const close = async (): Promise<void> => {
    closing = true
    clearInterval(heartbeat)
    halt()
    if (control.redis.status === 'wait') control.redis.disconnect()
    else await control.redis.quit().catch(() => control.redis.disconnect())
  }

  const stats = () => ({ emitted: line, unacknowledged: held.size(), maxBuffered })
  return { records, acknowledge, terminate, close, stats }
}
