/** A broker that goes away and comes back mid-run: the trainer waits, reconnects and trains on. */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { appendLines } from '../../src/sources/redis/append.js'
import { type OwnServer, ownRedis, sleep } from '../sources/brokers/support.js'
import { readJsonl, tempDir } from '../support/cli.js'

const servers: OwnServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.dispose()))
})

const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ x: [((from + i) % 9) / 9], y: ((from + i) % 9) / 18 }))

describe('the trainer and a Redis server that restarts', () => {
  it('waits while the server is down and trains what arrives after it is back', async () => {
    const server = await ownRedis()
    servers.push(server)
    await server.start()
    const url = `redis://127.0.0.1:${server.port}`
    const spec = {
      seed: 1,
      model: { inputs: 1, layers: [{ type: 'dense', units: 4 }, { type: 'tanh' }, { type: 'dense', units: 1 }] },
      loss: { type: 'mse' },
      optimizer: { type: 'sgd', learningRate: 0.1 },
      data: { train: { type: 'redis', url, stream: 'events', group: 'g', consumer: 'c', stop: { idleMs: 2500 } }, batchSize: 10 },
    }
    const dir = tempDir({ 'spec.json': JSON.stringify(spec) })
    await appendLines({ url, stream: 'events', lines: lines(0, 200) })
    const trainer = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(process.cwd(), 'src/cli.ts'), 'train', 'spec.json', '--quiet', '--metrics', 'm.jsonl', '--state', 's.state', '--checkpoint-every', '5'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const exited = new Promise<number | null>((resolve) => trainer.once('exit', resolve))

    // Once the first 200 events are trained (20 steps, state written at step 20), take the server away for a while.
    while (!fs.existsSync(join(dir, 's.state')) || !fs.readFileSync(join(dir, 'm.jsonl'), 'utf8').includes('"step":20,')) await sleep(50)
    await server.stop()
    await sleep(1500)
    await server.start()
    await appendLines({ url, stream: 'events', lines: lines(200, 200) })

    expect(await exited).toBe(0)
    const { summary } = readJsonl(join(dir, 'm.jsonl')).pop() as { summary: { events: number; trained: number; steps: number } }
    expect(summary).toMatchObject({ events: 400, trained: 400, steps: 40 })
  }, 60_000)
})
