/**
 * A Redis connection that rides out server restarts: commands wait (offline queue) while it
 * reconnects under the source's `Reconnect` policy, each drop is counted so a reader can tell
 * that a reply may have been lost, and errors name the server (without credentials).
 */
import { Redis } from 'ioredis'
import { type Reconnect, defaultReconnect } from '../broker.js'

/** Where a Redis source or sink connects, and how patiently. */
export interface RedisTarget {
  /** `redis://host:port[/db]`. */
  readonly url: string
  readonly reconnect?: Reconnect
}

/** How messages name the server: `Redis at redis://127.0.0.1:6379`, any password masked. */
export const redisName = (url: string): string => `Redis at ${url.replace(/\/\/[^@/]*@/, '//***@')}`

/** One connection and what happened to it. */
export interface RedisLink {
  readonly redis: Redis
  /** Counts drops; a changed value means a reply may have been lost (and its command resent). */
  readonly drops: () => number
  /** `e` as an Error naming the server, saying so when the client gave up reconnecting. */
  readonly failure: (e: unknown, doing: string) => Error
}

/** A connection to `url` named `streamprop-<role>` (visible in CLIENT LIST). */
export const redisLink = ({ url, reconnect = defaultReconnect }: RedisTarget, role: string): RedisLink => {
  let drops = 0
  let ready = false
  let lastError = ''
  const redis = new Redis(url, {
    connectionName: `streamprop-${role}`,
    lazyConnect: true,
    // RESP2: XREADGROUP answers [[key, entries]] (RESP3 makes it a map, flattened differently).
    protocol: 2,
    retryStrategy: (times) => (times > reconnect.attempts ? null : reconnect.waitMs),
    // Commands wait for the connection however long the retry strategy keeps trying.
    maxRetriesPerRequest: null,
  })
  // Without a listener ioredis prints every failed reconnect; the last one goes into the error text.
  redis.on('error', (e: Error) => {
    lastError = e.message
  })
  redis.on('ready', () => {
    ready = true
  })
  redis.on('close', () => {
    drops++
  })
  return {
    redis,
    drops: () => drops,
    failure: (e, doing) => {
      const message = e instanceof Error ? e.message : String(e)
      const patience = `after ${reconnect.attempts} attempts ${reconnect.waitMs} ms apart (${lastError})`
      if (redis.status !== 'end' || lastError === '') return new Error(`${redisName(url)}: ${doing}: ${message}`)
      return new Error(
        ready
          ? `${redisName(url)}: connection lost and not regained ${patience} while ${doing}`
          : `${redisName(url)}: cannot connect ${patience}`,
      )
    },
  }
}
