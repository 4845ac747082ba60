// A producer in another process publishes 100k events while a slow synchronous consumer here reads
// 4k: the client must hold no more than one batch that it has not emitted, and its heap must not grow.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { jetstreamManager } from '@nats-io/jetstream'
import { Redis } from 'ioredis'
import { lastValueFrom, tap } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { BrokerSource } from '../../../src/sources/broker.js'
import { natsSource } from '../../../src/sources/nats.js'
import { connectNats } from '../../../src/sources/nats/link.js'
import { ensureStream } from '../../../src/sources/nats/publish.js'
import { redisSource } from '../../../src/sources/redis.js'
import { busy, natsServers as servers, produceElsewhere, redisUrl as url, unique } from './support.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Heap in use after a full collection, in MiB. */
const heapMiB = (): number => {
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

const produced = 100_000
const consumed = 4_000
const batch = 256
const workMs = 0.4 // per record: 2.5k records/s at most, while the producer manages 25k/s and more

/**
 * Reads `consumed` records slowly, acknowledging every 500th (a checkpoint), while `delivered`
 * asks the broker how many it has delivered to us. A sample is delivered-then minus emitted-when-
 * asked: an upper bound on what the client held, since we only emit more meanwhile. The request
 * goes out when the source awaits its next pull, which may overtake it: hence 2 × batch.
 */
const consumeSlowly = async (source: BrokerSource, delivered: () => Promise<number>) => {
  const ahead: number[] = []
  const acks: Promise<void>[] = []
  let emitted = 0
  let first = 0
  const before = heapMiB()
  await lastValueFrom(
    source.records.pipe(
      tap((r) => {
        first ||= performance.now()
        busy(workMs)
        emitted++
        if (emitted % 500 === 0) {
          const asked = emitted
          acks.push(source.acknowledge(r))
          void delivered().then((d) => ahead.push(d - asked))
        }
      }),
    ),
  )
  const rate = consumed / ((performance.now() - first) / 1000)
  await Promise.all(acks)
  const growthMiB = heapMiB() - before
  return { ahead, rate, growthMiB, delivered: await delivered() }
}

describe('a producer ten times faster than the consumer', () => {
  it('JetStream: the consumer holds at most one batch it has not emitted, and its heap stays flat', async () => {
    const stream = unique('SPMEM')
    const subject = `sp.${stream}`
    const nc = await connectNats({ servers })
    const jsm = await jetstreamManager(nc)
    await ensureStream(jsm, stream, subject, 'memory')
    const source = natsSource({ servers, stream, subject, durable: 'slow', batch, stop: { events: consumed } })

    const producing = produceElsewhere(['nats', servers, stream, subject, String(produced)])
    const seen = await consumeSlowly(source, async () => (await jsm.consumers.info(stream, 'slow')).delivered.stream_seq)
    const producerMs = await producing
    const { state } = await jsm.streams.info(stream)
    await source.close()
    await jsm.streams.delete(stream)
    await nc.close()

    expect(state.messages).toBe(produced)
    expect(produced / (producerMs / 1000)).toBeGreaterThan(5 * seen.rate)
    expect(seen.ahead.length).toBeGreaterThan(5)
    expect(Math.max(...seen.ahead)).toBeLessThanOrEqual(2 * batch)
    expect(seen.delivered).toBe(consumed) // the last pull asked for exactly what `stop` still allowed
    expect(source.stats().maxBuffered).toBeLessThanOrEqual(batch)
    expect(seen.growthMiB).toBeLessThan(8)
  })

  it('Redis Streams: the consumer holds at most one read it has not emitted, and its heap stays flat', async () => {
    const stream = unique('sp:mem')
    const redis = new Redis(url)
    await redis.call('XGROUP', 'CREATE', stream, 'trainers', '0', 'MKSTREAM')
    const source = redisSource({ url, stream, group: 'trainers', consumer: 'slow', count: batch, stop: { events: consumed } })
    const entriesRead = async (): Promise<number> => {
      const [group] = (await redis.call('XINFO', 'GROUPS', stream)) as string[][]
      return Number(group[group.indexOf('entries-read') + 1])
    }

    const producing = produceElsewhere(['redis', url, stream, String(produced)])
    const seen = await consumeSlowly(source, entriesRead)
    const producerMs = await producing
    const length = await redis.xlen(stream)
    await source.close()
    await redis.del(stream)
    await redis.quit()

    expect(length).toBe(produced)
    expect(produced / (producerMs / 1000)).toBeGreaterThan(5 * seen.rate)
    expect(seen.ahead.length).toBeGreaterThan(5)
    expect(Math.max(...seen.ahead)).toBeLessThanOrEqual(2 * batch)
    expect(seen.delivered).toBe(consumed) // the last pull asked for exactly what `stop` still allowed
    expect(source.stats().maxBuffered).toBeLessThanOrEqual(batch)
    expect(seen.growthMiB).toBeLessThan(8)
  })
})
