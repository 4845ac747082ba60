// Servers of our own, stopped and restarted under a reading source: the source waits and goes on
// without losing or repeating a record; a server that stays away ends it with an error naming it.
import { jetstreamManager } from '@nats-io/jetstream'
import { lastValueFrom, tap, toArray } from 'rxjs'
import { afterEach, describe, expect, it } from 'vitest'
import type { BrokerSource } from '../../../src/sources/broker.js'
import { natsSource } from '../../../src/sources/nats.js'
import { connectNats } from '../../../src/sources/nats/link.js'
import { publishLines } from '../../../src/sources/nats/publish.js'
import { redisSource } from '../../../src/sources/redis.js'
import { appendLines } from '../../../src/sources/redis/append.js'
import { retrying } from '../../../src/sources/retry.js'
import { type OwnServer, busy, collect, eventLines, ownNats, ownRedis, sleep } from './support.js'

const patient = { attempts: 40, waitMs: 250 }
const impatient = { attempts: 3, waitMs: 100 }
const servers: OwnServer[] = []
const opened: BrokerSource[] = []

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()))
  await Promise.all(servers.splice(0).map((s) => s.dispose()))
})

const started = async (server: Promise<OwnServer>): Promise<OwnServer> => {
  const s = await server
  servers.push(s)
  await s.start()
  return s
}

/** Resolves once the restarted server's JetStream serves `stream` again (it recovers streams after start). */
const jetStreamBack = (servers: string, stream: string): Promise<void> =>
  retrying({ attempts: 50, waitMs: 100 }, async () => {
    const nc = await connectNats({ servers, reconnect: impatient })
    try {
      await (await jetstreamManager(nc)).streams.info(stream)
    } finally {
      await nc.close()
    }
  })

/**
 * Reads 100 records slowly (3 ms each, so a backlog remains); at the 25th stops the server,
 * restarts it half a second later and adds 50 more records via `refill`.
 */
const readAcrossRestart = async (source: BrokerSource, server: OwnServer, refill: () => Promise<unknown>) => {
  let restart: Promise<unknown> = Promise.resolve()
  const records = await lastValueFrom(
    source.records.pipe(
      tap((r) => {
        busy(3)
        if (r.value === eventLines(1, 24)[0]) {
          restart = server
            .stop()
            .then(() => sleep(500))
            .then(() => server.start())
            .then(refill)
        }
      }),
      toArray(),
    ),
  )
  await restart
  return records
}

describe('a broker that goes away and comes back', () => {
  it('NATS: the source reconnects and continues in order, losing and repeating nothing', async () => {
    const server = await started(ownNats())
    const target = { servers: `127.0.0.1:${server.port}`, stream: 'EVENTS', subject: 'events.raw' }
    await publishLines({ ...target, lines: eventLines(50) })
    const source = natsSource({ ...target, durable: 'trainer', batch: 10, reconnect: patient, stop: { events: 100 } })
    opened.push(source)

    const records = await readAcrossRestart(source, server, async () => {
      await jetStreamBack(target.servers, target.stream)
      await publishLines({ ...target, lines: eventLines(50, 50) })
    })

    expect(records.map((r) => r.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
    expect(records.map((r) => r.value)).toEqual(eventLines(100))
  })

  it('Redis: the source reconnects and continues in order, losing and repeating nothing', async () => {
    const server = await started(ownRedis())
    const url = `redis://127.0.0.1:${server.port}`
    await appendLines({ url, stream: 'events', lines: eventLines(50) })
    const source = redisSource({ url, stream: 'events', group: 'trainers', consumer: 'a', count: 10, reconnect: patient, stop: { events: 100 } })
    opened.push(source)

    const records = await readAcrossRestart(source, server, () => appendLines({ url, stream: 'events', lines: eventLines(50, 50) }))

    expect(records.map((r) => r.value)).toEqual(eventLines(100))
    expect(new Set(records.map((r) => r.id)).size).toBe(100)
  })

  it('NATS: gives up after its reconnect attempts with an error naming the server', async () => {
    const server = await started(ownNats())
    const target = { servers: `127.0.0.1:${server.port}`, stream: 'EVENTS', subject: 'events.raw' }
    await publishLines({ ...target, lines: eventLines(5) })
    const source = natsSource({ ...target, durable: 'trainer', reconnect: impatient })
    opened.push(source)

    const reading = collect(source)
    await sleep(300)
    await server.stop()

    await expect(reading).rejects.toThrow(`NATS at 127.0.0.1:${server.port}: connection lost and not regained after 3 attempts`)
  })

  it('Redis: gives up after its reconnect attempts with an error naming the server', async () => {
    const server = await started(ownRedis())
    const url = `redis://127.0.0.1:${server.port}`
    await appendLines({ url, stream: 'events', lines: eventLines(5) })
    const source = redisSource({ url, stream: 'events', group: 'trainers', consumer: 'a', reconnect: impatient })
    opened.push(source)

    const reading = collect(source)
    await sleep(300)
    await server.stop()

    await expect(reading).rejects.toThrow(`Redis at ${url}: connection lost and not regained after 3 attempts`)
  })
})
