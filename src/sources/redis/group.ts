/**
 * The consumer-group commands a Redis source sends besides reading: create the group, settle
 * entries, keep its own pending entries from looking abandoned, and take over abandoned ones.
 * Long ID lists go in chunks so no single command grows without bound.
 */
import type { Redis } from 'ioredis'
import { type Entry, claimReply } from './entries.js'

/** Which group member is speaking. */
export interface Member {
  readonly stream: string
  readonly group: string
  readonly consumer: string
}

const chunk = 1000

/** Creates the group at the stream's beginning (and the stream) unless it exists. */
export const ensureGroup = async (redis: Redis, { stream, group }: Member): Promise<void> => {
  try {
    await redis.call('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
  } catch (e) {
    if (!(e instanceof Error && e.message.startsWith('BUSYGROUP'))) throw e
  }
}

/** XACK for `ids`: the group will not deliver them again. */
export const ackEntries = async (redis: Redis, { stream, group }: Member, ids: readonly string[]): Promise<void> => {
  for (let i = 0; i < ids.length; i += chunk) await redis.call('XACK', stream, group, ...ids.slice(i, i + chunk))
}

/**
 * Resets the idle time of our own pending entries (XCLAIM to ourselves, JUSTID so the delivery
 * count stays): while they wait for a checkpoint, other members' XAUTOCLAIM must not take them.
 */
export const touchEntries = async (
  redis: Redis,
  { stream, group, consumer }: Member,
  ids: readonly string[],
): Promise<void> => {
  for (let i = 0; i < ids.length; i += chunk) {
    await redis.call('XCLAIM', stream, group, consumer, '0', ...ids.slice(i, i + chunk), 'JUSTID')
  }
}

/**
 * Takes over up to `count` entries that other members left pending longer than `idleMs`,
 * scanning from `cursor`; returns them and where to continue (`0-0` once the scan wrapped).
 */
export const claimIdle = async (
  redis: Redis,
  { stream, group, consumer }: Member,
  idleMs: number,
  cursor: string,
  count: number,
): Promise<{ readonly next: string; readonly entries: Entry[] }> =>
  claimReply(await redis.call('XAUTOCLAIM', stream, group, consumer, String(idleMs), cursor, 'COUNT', String(count)))
