// natsSource against the real JetStream server on 127.0.0.1:4222; each test owns its stream.
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream'
import type { NatsConnection } from '@nats-io/transport-node'
import { lastValueFrom, take, tap, toArray } from 'rxjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type NatsSourceOptions, natsSource } from '../../../src/sources/nats.js'
import { connectNats } from '../../../src/sources/nats/link.js'
import { ensureStream, natsPublisher, publishLines } from '../../../src/sources/nats/publish.js'
import { busy, collect, eventLines, freePort, natsServers as servers, sleep, unique } from './support.js'

let nc: NatsConnection
let jsm: JetStreamManager
const streams: string[] = []
const opened: { close: () => Promise<void> }[] = []

beforeAll(async () => {
  nc = await connectNats({ servers })
  jsm = await jetstreamManager(nc)
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()))
  await Promise.all(streams.splice(0).map((s) => jsm.streams.delete(s).catch(() => false)))
})
afterAll(async () => {
  await nc.close()
})

/** A fresh stream holding n event lines, and source options reading it through a fresh durable. */
const given = async (n: number, more: Partial<NatsSourceOptions> = {}) => {
  const stream = unique('SP')
  const subject = `sp.${stream}`
  streams.push(stream)
  if (n > 0) await publishLines({ servers, stream, subject, lines: eventLines(n), storage: 'memory' })
  else await ensureStream(jsm, stream, subject, 'memory')
  const options: NatsSourceOptions = { servers, stream, subject, durable: 'trainer', ...more }
  return { stream, subject, options }
}

/** A source that afterEach closes. */
const source = (options: NatsSourceOptions) => {
  const s = natsSource(options)
  opened.push(s)
  return s
}

describe('natsSource', () => {
  it('emits every message in stream order, numbered by stream sequence, with its subject', async () => {
    const { options, subject } = await given(500)

    const records = await collect(source({ ...options, batch: 64, stop: { events: 500 } }))

    expect(records.map((r) => r.line)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1))
    expect(records.map((r) => r.value)).toEqual(eventLines(500))
    expect(new Set(records.map((r) => r.subject))).toEqual(new Set([subject]))
  })

  it('pulls the next batch only after the last one was emitted: at most `batch` ahead of the consumer', async () => {
    const { options, stream } = await given(1000)
    const s = source({ ...options, batch: 50, stop: { events: 1000 } })
    const ahead: number[] = []
    let last = 0

    await lastValueFrom(
      s.records.pipe(
        tap((r) => {
          last = r.line
          // The broker's count of delivered messages against ours of emitted ones, sampled as we go.
          if (r.line % 100 === 0) void jsm.consumers.info(stream, 'trainer').then((i) => ahead.push(i.delivered.stream_seq - last))
        }),
      ),
    )
    await sleep(50)

    expect(ahead.length).toBeGreaterThan(3)
    expect(Math.max(...ahead)).toBeLessThanOrEqual(50)
    expect(s.stats().maxBuffered).toBeLessThanOrEqual(50)
  })

  it('starts a new durable at the first message, and a known one right after its acknowledged messages', async () => {
    const { options } = await given(10)
    const first = source({ ...options, stop: { events: 10 } })
    const records = await collect(first)
    await first.acknowledge(records[3])
    await first.close()
    const started = performance.now()

    const again = await collect(source({ ...options, stop: { events: 6 } }))

    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(again.map((r) => r.line)).toEqual([5, 6, 7, 8, 9, 10])
    expect(performance.now() - started).toBeLessThan(3000) // not the hour of ack_wait
  })

  it('resumes right after startAfter at once: unacknowledged messages come again, acknowledged ones never', async () => {
    const { options, stream } = await given(10)
    const crashed = source({ ...options, stop: { events: 10 } })
    const records = await collect(crashed)
    await crashed.acknowledge(records[3]) // the state at 6 was durable, but its acknowledgement stopped at 4
    await crashed.close()
    const started = performance.now()

    const resumed = source({ ...options, startAfter: 6, stop: { events: 4 } })
    const after = await collect(resumed)
    await resumed.acknowledge(after[3])
    const info = await jsm.consumers.info(stream, 'trainer')

    expect(after.map((r) => r.line)).toEqual([7, 8, 9, 10])
    expect(performance.now() - started).toBeLessThan(3000)
    expect([info.ack_floor.stream_seq, info.num_ack_pending]).toEqual([10, 0])
  })

  it('emits a message once even when its ack_wait runs out before the next checkpoint', async () => {
    const { options, stream } = await given(20)
    const s = source({ ...options, ackWaitMs: 1000, stop: { idleMs: 2500 } })

    const records = await collect(s)
    const info = await jsm.consumers.info(stream, 'trainer')

    expect(info.num_redelivered).toBeGreaterThan(0) // the broker did send them again…
    expect(records.map((r) => r.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1)) // …the source did not
    expect(s.stats().unacknowledged).toBe(20)
  })

  it('brings back at once what a lost pull took when reading again, instead of waiting for ack_wait', async () => {
    const { options, stream } = await given(20)
    const s = source({ ...options, batch: 5 })
    const before = await lastValueFrom(s.records.pipe(take(5), toArray()))
    // A pull whose messages reach a client that drops them, as when a connection dies: 6…10 are lost.
    const lostInbox = nc.subscribe(`lost.${stream}`, { max: 5, callback: () => {} })
    nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${stream}.trainer`, JSON.stringify({ batch: 5 }), { reply: `lost.${stream}` })
    await lostInbox.closed
    const lost = (await jsm.consumers.info(stream, 'trainer')).delivered.stream_seq

    const after = await lastValueFrom(s.records.pipe(take(5), toArray()))

    expect(before.map((r) => r.line)).toEqual([1, 2, 3, 4, 5])
    expect(lost).toBe(10)
    expect(after.map((r) => r.line)).toEqual([6, 7, 8, 9, 10])
  })

  it('terminates a dead letter: the durable never delivers it again', async () => {
    const { options, stream } = await given(3)
    const first = source({ ...options, stop: { events: 3 } })
    const [one, two] = await collect(first)
    await first.terminate(two, 'x.1: expected number, got "1"')
    await first.acknowledge(one)
    await first.close()
    const info = await jsm.consumers.info(stream, 'trainer')

    const again = await collect(source({ ...options, stop: { idleMs: 300 } }))

    expect(info.ack_floor.stream_seq).toBe(2) // a terminated message counts as settled
    expect(again.map((r) => r.line)).toEqual([3])
  })

  it('completes after `events` records', async () => {
    const { options } = await given(30)

    const records = await collect(source({ ...options, batch: 8, stop: { events: 13 } }))

    expect(records.map((r) => r.line)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1))
  })

  it('completes `idleMs` after the last message, not before', async () => {
    const { options } = await given(5)
    let lastAt = 0

    await lastValueFrom(source({ ...options, stop: { idleMs: 300 } }).records.pipe(tap(() => (lastAt = performance.now()))))
    const quiet = performance.now() - lastAt

    expect(quiet).toBeGreaterThanOrEqual(290)
    expect(quiet).toBeLessThan(1500)
  })

  it('does not count a slow consumer’s own work as idle time', async () => {
    const { options } = await given(10)

    const records = await lastValueFrom(source({ ...options, stop: { idleMs: 150 } }).records.pipe(tap(() => busy(60)), toArray()))

    expect(records).toHaveLength(10)
  })

  it('stops pulling when unsubscribed, and closes cleanly', async () => {
    const { options, stream, subject } = await given(100)
    const s = source({ ...options, batch: 10 })

    const records = await lastValueFrom(s.records.pipe(take(15), toArray()))
    await publishLines({ servers, stream, subject, lines: eventLines(10) })
    await sleep(300)
    const info = await jsm.consumers.info(stream, 'trainer')

    expect(records).toHaveLength(15)
    expect(s.stats().emitted).toBe(15)
    expect(info.delivered.stream_seq).toBeLessThanOrEqual(20)
    await expect(s.close()).resolves.toBeUndefined()
  })

  it('refuses a second reader of the same source while the first reads', async () => {
    const { options } = await given(0)
    const s = source(options)
    const first = s.records.subscribe()

    await expect(collect(s)).rejects.toThrow('durable trainer is already being read')
    first.unsubscribe()
  })

  it('publishes JSON lines through natsPublisher and flush waits until JetStream stored them', async () => {
    const { options, stream, subject } = await given(0)
    const sink = natsPublisher(nc, subject)
    const letters = [1, 2, 3].map((seq) => ({ seq, subject: 'sp.x', raw: '{', error: 'invalid JSON' }))

    letters.forEach((l) => void sink.write(l))
    await sink.flush()
    const stored = (await jsm.streams.info(stream)).state.messages
    const back = await collect(source({ ...options, stop: { events: 3 } }))

    expect(stored).toBe(3)
    expect(back.map((r) => JSON.parse(r.value) as unknown)).toEqual(letters)
  })

  it('names the server when it cannot connect', async () => {
    const port = await freePort()
    const s = natsSource({ servers: `127.0.0.1:${port}`, stream: 'S', subject: 's', durable: 'd', reconnect: { attempts: 2, waitMs: 100 } })

    await expect(collect(s)).rejects.toThrow(`NATS at 127.0.0.1:${port}: cannot connect after 2 attempts`)
  })
})
