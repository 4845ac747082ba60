/**
 * Writing into Redis Streams: a JSON-lines sink appending to a stream, and a producer that loads
 * raw lines into a stream (for tests, benchmarks and the live example). Entries carry one field,
 * `data` by default, which is what redisSource reads.
 */
import { type JsonSink, jsonSink } from '../sink.js'
import { type RedisTarget, redisLink } from './link.js'

/** A sink appending JSON lines to `stream` (XADD, field `field`) over its own connection. */
export const redisAppender = (url: string, stream: string, field = 'data'): JsonSink => {
  const { redis, failure } = redisLink({ url }, 'appender')
  return jsonSink(
    async (line) => {
      await redis.call('XADD', stream, '*', field, line).catch((e: unknown) => {
        throw failure(e, `appending to ${stream}`)
      })
    },
    async () => {
      await redis.quit().catch(() => redis.disconnect())
    },
  )
}

/** What to load into a Redis stream. */
export interface RedisLines extends RedisTarget {
  readonly stream: string
  readonly lines: Iterable<string>
  readonly field?: string
  /** Entries per pipelined round trip (default 1000). */
  readonly chunk?: number
}

/** Appends `lines` in order to `stream`; returns the last entry ID ('' when there were none). */
export const appendLines = async (options: RedisLines): Promise<string> => {
  const { stream, lines, field = 'data', chunk = 1000, ...target } = options
  const { redis, failure } = redisLink(target, 'producer')
  let last = ''
  const send = async (batch: readonly string[]): Promise<void> => {
    const pipeline = redis.pipeline()
    batch.forEach((line) => pipeline.call('XADD', stream, '*', field, line))
    for (const [error, id] of (await pipeline.exec()) ?? []) {
      if (error !== null) throw failure(error, `appending to ${stream}`)
      if (typeof id === 'string') last = id
    }
  }
  try {
    let batch: string[] = []
    for (const line of lines) {
      batch.push(line)
      if (batch.length >= chunk) {
        await send(batch)
        batch = []
      }
    }
    await send(batch)
    return last
  } finally {
    await redis.quit().catch(() => redis.disconnect())
  }
}
