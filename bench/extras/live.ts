/**
 * Training from the brokers: W1 events loaded into a fresh JetStream stream and a fresh Redis
 * stream (with the library's own producers), then `streamprop train` on a spec whose source is
 * the broker, stopping after exactly those events; its summary gives events per second from the
 * broker into training. Skipped, with the reason, when a server does not answer on localhost.
 */
import { writeFileSync } from 'node:fs'
import { Socket } from 'node:net'
import { join } from 'node:path'
import { jetstreamManager } from '@nats-io/jetstream'
import { Redis } from 'ioredis'
import { connectNats } from '../../src/sources/nats/link.js'
import { publishLines } from '../../src/sources/nats/publish.js'
import { appendLines } from '../../src/sources/redis/append.js'
import type { BenchData } from '../data/prepare.js'
import { type RunContext, type Outcome, runCli } from '../harness/contenders.js'
import { fileLines } from '../contenders/jsonl.js'
import { workloads } from '../workloads.js'

const natsServer = '127.0.0.1:4222'
const redisUrl = 'redis://127.0.0.1:6379'
const stream = 'BENCH_W1'
const subject = 'bench.w1'
const redisKey = 'bench:w1'

/** Whether something accepts TCP connections on host:port within `ms`. */
export const reachable = (host: string, port: number, ms = 500): Promise<boolean> =>
  new Promise((resolve) => {
    const s = new Socket()
    const done = (ok: boolean) => {
      s.destroy()
      resolve(ok)
    }
    s.setTimeout(ms, () => done(false))
    s.once('error', () => done(false))
    s.connect(port, host, () => done(true))
  })

/** One broker's measurement, or why it was not taken. */
export interface LiveResult {
  readonly broker: 'JetStream' | 'Redis Streams'
  readonly events: number
  readonly outcome: Outcome | { readonly skipped: string }
  /** Events per second the library's producer loaded the broker with (context for the training rate). */
  readonly loadRate?: number
}

const firstLines = (path: string, n: number): string[] => {
  const out: string[] = []
  for (const l of fileLines(path)) {
    if (out.length >= n) break
    out.push(l)
  }
  return out
}

const specFor = (data: BenchData, name: string, train: Record<string, unknown>): string => {
  const w1 = workloads.W1.spec
  const path = join(data.dir, `${name}.json`)
  writeFileSync(path, `${JSON.stringify({ ...w1, data: { train, batchSize: w1.data.batchSize } }, null, 2)}\n`)
  return path
}

const trainFrom = (c: RunContext, spec: string, name: string): Outcome => {
  const { init } = c.data.workloads.W1
  const metrics = join(c.data.dir, `metrics-${name}.jsonl`)
  return runCli(c, { command: process.execPath, args: ['dist/bin/cli.js', 'train', spec, '--init', init, '--quiet', '--metrics', metrics] })
}

/** JetStream into training: `events` W1 events published, then trained on. */
export const natsLive = async (c: RunContext, events: number): Promise<LiveResult> => {
  if (!(await reachable('127.0.0.1', 4222))) return { broker: 'JetStream', events, outcome: { skipped: `nothing answers on ${natsServer}` } }
  const nc = await connectNats({ servers: natsServer })
  const jsm = await jetstreamManager(nc)
  // A fresh stream each time: its durable consumer then starts at the first message.
  await jsm.streams.delete(stream).catch(() => false)
  const started = performance.now()
  await publishLines({ servers: natsServer, stream, subject, lines: firstLines(c.data.regressionFile, events) })
  const loadRate = events / ((performance.now() - started) / 1000)
  const spec = specFor(c.data, 'live-nats', { type: 'nats', servers: `nats://${natsServer}`, stream, subject, durable: 'bench-trainer', stop: { events } })
  const outcome = trainFrom(c, spec, 'live-nats')
  await jsm.streams.delete(stream).catch(() => false)
  await nc.close()
  return { broker: 'JetStream', events, outcome, loadRate }
}

/** Redis Streams into training: `events` W1 events appended, then trained on. */
export const redisLive = async (c: RunContext, events: number): Promise<LiveResult> => {
  if (!(await reachable('127.0.0.1', 6379))) return { broker: 'Redis Streams', events, outcome: { skipped: `nothing answers on ${redisUrl}` } }
  const redis = new Redis(redisUrl)
  await redis.del(redisKey)
  const started = performance.now()
  await appendLines({ url: redisUrl, stream: redisKey, lines: firstLines(c.data.regressionFile, events) })
  const loadRate = events / ((performance.now() - started) / 1000)
  const spec = specFor(c.data, 'live-redis', { type: 'redis', url: redisUrl, stream: redisKey, group: 'bench', consumer: 'trainer', stop: { events } })
  const outcome = trainFrom(c, spec, 'live-redis')
  await redis.del(redisKey)
  await redis.quit()
  return { broker: 'Redis Streams', events, outcome, loadRate }
}
