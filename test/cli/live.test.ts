/**
 * Training from live brokers with crashes: a producer publishes while the trainer is killed with
 * SIGKILL at several points and resumed from its state each time; the final parameters must be
 * bit-identical to an uninterrupted run over the same stream, and every bad event dead-lettered.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { publishLines } from '../../src/sources/nats/publish.js'
import { appendLines } from '../../src/sources/redis/append.js'
import { key, unit } from '../../src/tensor/random.js'
import { natsServers, redisUrl, sleep, unique } from '../sources/brokers/support.js'
import { readJsonl, tempDir } from '../support/cli.js'

const total = 3000
const lines = Array.from({ length: total }, (_, i) =>
  i % 500 === 123 ? `{"x":[${i % 7},"oops"],"y":0}` : JSON.stringify({ x: [(i % 7) / 7, (i % 11) / 11], y: Math.round((((i % 7) / 7) * 2 - (i % 11) / 11) * 1000) / 1000 }),
)
const bad = lines.map((l, i) => (l.includes('oops') ? i + 1 : 0)).filter((n) => n > 0)

const specFor = (source: object) =>
  JSON.stringify({
    seed: 4,
    model: { inputs: 2, layers: [{ type: 'dense', units: 8 }, { type: 'tanh' }, { type: 'dense', units: 1 }] },
    loss: { type: 'mse' },
    optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.5 },
    data: { train: { ...source, stop: { idleMs: 2500 } }, batchSize: 10 },
  })

const trainer = (dir: string, spec: string, args: readonly string[]): ChildProcess =>
  spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(process.cwd(), 'src/cli.ts'), 'train', spec, '--quiet', ...args], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  })

const exited = (p: ChildProcess): Promise<number | null> =>
  p.exitCode !== null || p.signalCode !== null ? Promise.resolve(p.exitCode) : new Promise((resolve) => p.once('exit', (code) => resolve(code)))

const stepsIn = (path: string): number => (fs.existsSync(path) ? fs.readFileSync(path, 'utf8').split('\n').filter((l) => l.startsWith('{"step"')).length : 0)

/** Publishes the lines in chunks of 100 every 60 ms, so the trainer is killed while they arrive. */
const produce = async (publish: (chunk: string[]) => Promise<unknown>): Promise<void> => {
  for (let i = 0; i < total; i += 100) {
    await publish(lines.slice(i, i + 100))
    await sleep(60)
  }
}

const crashRun = async (name: string, source: (consumer: string) => object, publish: (chunk: string[]) => Promise<unknown>) => {
  const dir = tempDir({ 'crash.json': specFor(source('crashy')), 'ref.json': specFor(source('steady')) })
  const producing = produce(publish)
  // Kill points: after a seeded number of steps of each run (so kills land mid-stream, anywhere in a checkpoint interval).
  const k = key(name.length * 31)
  const kills: number[] = []
  let runs = 0
  for (let crash = 0; crash < 3; crash++) {
    const metrics = join(dir, `m${runs}.jsonl`)
    const resume = fs.existsSync(join(dir, 'crash.state')) ? ['--resume', 'crash.state'] : []
    const p = trainer(dir, 'crash.json', ['--state', 'crash.state', '--checkpoint-every', '7', '--metrics', `m${runs}.jsonl`, '--dead-letter', `dl${runs}.jsonl`, ...resume])
    runs++
    const target = 8 + Math.floor(unit(k, crash) * 60)
    while (stepsIn(metrics) < target && p.exitCode === null) await sleep(10)
    p.kill('SIGKILL')
    await exited(p)
    kills.push(target)
  }
  await producing
  const last = trainer(dir, 'crash.json', ['--state', 'crash.state', '--resume', 'crash.state', '--checkpoint-every', '7', '--out', 'crash.safetensors', '--metrics', `m${runs}.jsonl`, '--dead-letter', `dl${runs}.jsonl`])
  const reference = trainer(dir, 'ref.json', ['--out', 'ref.safetensors', '--metrics', 'ref.jsonl'])
  expect(await exited(last)).toBe(0)
  expect(await exited(reference)).toBe(0)
  runs++
  return { dir, runs, kills }
}

describe.each([
  [
    'NATS JetStream',
    () => {
      const stream = unique('CRASH')
      const subject = `${stream.toLowerCase()}.events`
      return {
        source: (durable: string) => ({ type: 'nats', servers: `nats://${natsServers}`, stream, subject, durable }),
        publish: (chunk: string[]) => publishLines({ servers: natsServers, stream, subject, lines: chunk }),
      }
    },
  ],
  [
    'Redis Streams',
    () => {
      const stream = unique('crash')
      return {
        source: (consumer: string) => ({ type: 'redis', url: redisUrl, stream, group: `g-${consumer}`, consumer }),
        publish: (chunk: string[]) => appendLines({ url: redisUrl, stream, lines: chunk }),
      }
    },
  ],
])('training from %s, killed with SIGKILL three times and resumed', (name, make) => {
  it('ends bit-identical to an uninterrupted run, every event trained once or dead-lettered', async () => {
    const { source, publish } = make()

    const { dir, runs, kills } = await crashRun(name, source, publish)

    expect(fs.readFileSync(join(dir, 'crash.safetensors')).equals(fs.readFileSync(join(dir, 'ref.safetensors')))).toBe(true)
    const ref = readJsonl(join(dir, 'ref.jsonl')) as { step?: number; summary?: { trained: number; deadLettered: number; steps: number } }[]
    const refSummary = ref[ref.length - 1].summary
    expect(refSummary).toMatchObject({ trained: total - bad.length, deadLettered: bad.length, steps: Math.ceil((total - bad.length) / 10) })
    // The last run's steps continue where its state left off and end where the reference ends.
    const final = readJsonl(join(dir, `m${runs - 1}.jsonl`)) as { step?: number; summary?: { steps: number } }[]
    expect(final[final.length - 1].summary?.steps).toBe(refSummary?.steps)
    // Every bad event was dead-lettered by some run (one after the last checkpoint may be written twice).
    const letters = Array.from({ length: runs }, (_, r) => join(dir, `dl${r}.jsonl`))
      .filter((f) => fs.existsSync(f))
      .flatMap((f) => readJsonl(f) as { seq: number; error: string }[])
    expect([...new Set(letters.map((l) => l.seq))].sort((a, b) => a - b)).toEqual(name === 'NATS JetStream' ? bad : expect.any(Array))
    expect(letters.every((l) => l.error === 'x[1]: expected a finite number, got "oops"')).toBe(true)
    expect(letters.length).toBeGreaterThanOrEqual(bad.length)
    expect(kills).toHaveLength(3)
    console.log(`${name}: killed after steps ${kills.join(', ')} of their runs; ${runs} runs; ${letters.length} dead letters written for ${bad.length} bad events`)
  }, 90_000)
})
