// redisSource against the real Redis on 127.0.0.1:6379; each test owns its stream key.
import { Redis } from 'ioredis'
import { lastValueFrom, take, tap, toArray } from 'rxjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RedisSourceOptions, redisSource } from '../../../src/sources/redis.js'
import { appendLines, redisAppender } from '../../../src/sources/redis/append.js'
import { busy, collect, eventLines, freePort, redisUrl as url, sleep, unique } from './support.js'

let redis: Redis
const keys: string[] = []
const opened: { close: () => Promise<void> }[] = []

beforeAll(() => {
  redis = new Redis(url)
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()))
  if (keys.length > 0) await redis.del(...keys.splice(0))
})
afterAll(async () => {
  await redis.quit()
})

/** A fresh stream holding n event lines, and source options reading it as consumer `a` of group `trainers`. */
const given = async (n: number, more: Partial<RedisSourceOptions> = {}) => {
  const stream = unique('sp:events')
  keys.push(stream)
  if (n > 0) await appendLines({ url, stream, lines: eventLines(n) })
  const options: RedisSourceOptions = { url, stream, group: 'trainers', consumer: 'a', ...more }
  return { stream, options }
}

/** A source that afterEach closes. */
const source = (options: RedisSourceOptions) => {
  const s = redisSource(options)
  opened.push(s)
  return s
}

/** [consumer, count] for each member with pending entries. */
const pendingBy = async (stream: string): Promise<unknown> => ((await redis.call('XPENDING', stream, 'trainers')) as unknown[])[3] ?? []

describe('redisSource', () => {
  it('emits every entry in stream order, with its entry ID, a running line and the stream key', async () => {
    const { options, stream } = await given(500)
    const all = (await redis.call('XRANGE', stream, '-', '+')) as [string, string[]][]

    const records = await collect(source({ ...options, count: 64, stop: { events: 500 } }))

    expect(records.map((r) => r.id)).toEqual(all.map(([id]) => id))
    expect(records.map((r) => r.line)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1))
    expect(records.map((r) => r.value)).toEqual(eventLines(500))
    expect(new Set(records.map((r) => r.subject))).toEqual(new Set([stream]))
  })

  it('reads `count` entries at a time, the next read only after the last entry was emitted', async () => {
    const { options, stream } = await given(1000)
    const s = source({ ...options, count: 50, stop: { events: 1000 } })
    const ahead: number[] = []
    let emitted = 0

    await lastValueFrom(
      s.records.pipe(
        tap(() => {
          emitted++
          // Entries delivered to us (pending, as nothing is acknowledged) against entries emitted.
          if (emitted % 100 === 0) void redis.call('XPENDING', stream, 'trainers').then((p) => ahead.push(Number((p as unknown[])[0]) - emitted))
        }),
      ),
    )
    await sleep(50)

    expect(ahead.length).toBeGreaterThan(3)
    expect(Math.max(...ahead)).toBeLessThanOrEqual(50)
    expect(s.stats().maxBuffered).toBeLessThanOrEqual(50)
  })

  it('acknowledges only on request: unacknowledged entries come first on restart, those up to startAfter are skipped', async () => {
    const { options, stream } = await given(10)
    const crashed = source({ ...options, stop: { events: 10 } })
    const records = await collect(crashed)
    await crashed.acknowledge(records[2]) // the state at the 6th was durable, its acknowledgement stopped at the 3rd
    await crashed.close()
    const pendingAfterCrash = await pendingBy(stream)
    await appendLines({ url, stream, lines: eventLines(2, 10) })

    const resumed = source({ ...options, startAfter: records[5].id, stop: { events: 6 } })
    const after = await collect(resumed)
    await resumed.acknowledge(after[5])

    expect(pendingAfterCrash).toEqual([['a', '7']])
    expect(after.map((r) => r.value)).toEqual(eventLines(6, 6))
    expect(after.slice(0, 4).map((r) => r.id)).toEqual(records.slice(6).map((r) => r.id))
    expect(await pendingBy(stream)).toEqual([])
  })

  it('takes over the entries a dead member left pending longer than claimIdleMs', async () => {
    const { options, stream } = await given(10)
    const dead = source({ ...options, consumer: 'dead', stop: { events: 6 } })
    const lost = await collect(dead)
    await dead.close()
    await sleep(400)

    const heir = source({ ...options, consumer: 'heir', claimIdleMs: 300, stop: { events: 10 } })
    const records = await collect(heir)

    expect(records.slice(0, 6).map((r) => r.id)).toEqual(lost.map((r) => r.id))
    expect(records.map((r) => r.value)).toEqual(eventLines(10))
    expect(await pendingBy(stream)).toEqual([['heir', '10']])
  })

  it('keeps its own entries from being taken over while they wait for a checkpoint', async () => {
    const { options, stream } = await given(5)
    const waiting = source({ ...options, consumer: 'alive', claimIdleMs: 300 })
    const mine = await lastValueFrom(waiting.records.pipe(take(5), toArray()))
    await sleep(700)

    const other = await collect(source({ ...options, consumer: 'other', claimIdleMs: 300, stop: { idleMs: 300 } }))

    expect(mine).toHaveLength(5)
    expect(other).toEqual([])
    expect(await pendingBy(stream)).toEqual([['alive', '5']])
  })

  it('terminates a dead letter: the group never delivers it again', async () => {
    const { options } = await given(3)
    const first = source({ ...options, stop: { events: 3 } })
    const [one, two] = await collect(first)
    await first.terminate(two, 'x.1: expected number, got "1"')
    await first.acknowledge(one)
    await first.close()

    const again = await collect(source({ ...options, stop: { idleMs: 200 } }))

    expect(again.map((r) => r.value)).toEqual(eventLines(1, 2))
  })

  it('completes after `events` records', async () => {
    const { options } = await given(30)

    const records = await collect(source({ ...options, count: 8, stop: { events: 13 } }))

    expect(records.map((r) => r.value)).toEqual(eventLines(13))
  })

  it('completes `idleMs` after the last entry, not before, and not during a slow consumer’s work', async () => {
    const { options } = await given(10)
    let lastAt = 0

    const records = await lastValueFrom(
      source({ ...options, stop: { idleMs: 300 } }).records.pipe(
        tap(() => {
          busy(60)
          lastAt = performance.now()
        }),
        toArray(),
      ),
    )
    const quiet = performance.now() - lastAt

    expect(records).toHaveLength(10)
    expect(quiet).toBeGreaterThanOrEqual(290)
    expect(quiet).toBeLessThan(1500)
  })

  it('stops reading when unsubscribed, and closes cleanly', async () => {
    const { options, stream } = await given(100)
    const s = source({ ...options, count: 10 })

    const records = await lastValueFrom(s.records.pipe(take(15), toArray()))
    await appendLines({ url, stream, lines: eventLines(10) })
    await sleep(300)

    expect(records).toHaveLength(15)
    expect(s.stats().emitted).toBe(15)
    expect(Number(((await redis.call('XPENDING', stream, 'trainers')) as unknown[])[0])).toBeLessThanOrEqual(20)
    await expect(s.close()).resolves.toBeUndefined()
  })

  it('appends JSON lines through redisAppender, and flush waits until Redis stored them', async () => {
    const { options, stream } = await given(0)
    const sink = redisAppender(url, stream)
    const letters = [1, 2, 3].map((seq) => ({ seq, subject: stream, raw: '{', error: 'invalid JSON' }))

    letters.forEach((l) => void sink.write(l))
    await sink.close()
    const back = await collect(source({ ...options, stop: { events: 3 } }))

    expect(back.map((r) => JSON.parse(r.value) as unknown)).toEqual(letters)
  })

  it('names the server when it cannot connect', async () => {
    const port = await freePort()
    const s = redisSource({ url: `redis://127.0.0.1:${port}`, stream: 's', group: 'g', consumer: 'c', reconnect: { attempts: 2, waitMs: 100 } })

    await expect(collect(s)).rejects.toThrow(`Redis at redis://127.0.0.1:${port}: cannot connect after 2 attempts`)
    await s.close()
  })
})
