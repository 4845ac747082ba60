/**
 * Throughput of the broker sources into a trivial synchronous consumer (sums the lengths of the
 * raw lines), on the local servers: `npx tsx bench/brokers.ts [records]` (default 200000).
 * Each run loads a fresh stream first, so the numbers are reading alone, from a full backlog.
 */
import { jetstreamManager } from '@nats-io/jetstream'
import { Redis } from 'ioredis'
import { lastValueFrom, tap } from 'rxjs'
import type { BrokerSource } from '../src/sources/broker.js'
import { natsSource } from '../src/sources/nats.js'
import { connectNats } from '../src/sources/nats/link.js'
import { publishLines } from '../src/sources/nats/publish.js'
import { redisSource } from '../src/sources/redis.js'
import { appendLines } from '../src/sources/redis/append.js'

const servers = '127.0.0.1:4222'
const url = 'redis://127.0.0.1:6379'
const records = Number(process.argv[2] ?? 200_000)
const lines = Array.from({ length: records }, (_, i) => `{"x":[${i % 97},${i % 13}],"y":${i % 2}}`)

/** Records per second from `source` into a consumer that only looks at each line; acks every 10k. */
const drain = async (source: BrokerSource): Promise<number> => {
  let bytes = 0
  const acks: Promise<void>[] = []
  const started = performance.now()
  const last = await lastValueFrom(
    source.records.pipe(
      tap((r) => {
        bytes += r.value.length
        if (r.line % 10_000 === 0) acks.push(source.acknowledge(r))
      }),
    ),
  )
  const seconds = (performance.now() - started) / 1000
  await Promise.all([...acks, source.acknowledge(last)])
  await source.close()
  if (bytes === 0) throw new Error('nothing read')
  return records / seconds
}

const row = (what: string, rate: number): void => console.log(`${what.padEnd(36)} ${Math.round(rate).toLocaleString('en').padStart(10)} records/s`)

const nc = await connectNats({ servers })
const jsm = await jetstreamManager(nc)
for (const storage of ['file', 'memory'] as const) {
  for (const batch of [100, 256, 1000]) {
    const stream = `BENCH_${storage}_${batch}`
    await jsm.streams.delete(stream).catch(() => false)
    const loadStart = performance.now()
    await publishLines({ servers, stream, subject: `bench.${stream}`, lines, storage })
    if (batch === 100) row(`JetStream publish (${storage})`, records / ((performance.now() - loadStart) / 1000))
    const source = natsSource({ servers, stream, subject: `bench.${stream}`, durable: 'bench', batch, stop: { events: records } })
    row(`JetStream ${storage}, batch ${batch}`, await drain(source))
    await jsm.streams.delete(stream)
  }
}
await nc.close()

const redis = new Redis(url)
for (const count of [100, 256, 1000]) {
  const stream = `bench:${count}`
  await redis.del(stream)
  const loadStart = performance.now()
  await appendLines({ url, stream, lines })
  if (count === 100) row('Redis XADD (pipelined)', records / ((performance.now() - loadStart) / 1000))
  const source = redisSource({ url, stream, group: 'bench', consumer: 'c', count, stop: { events: records } })
  row(`Redis Streams, count ${count}`, await drain(source))
  await redis.del(stream)
}
await redis.quit()
