import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { join } from 'node:path'
import { jetstreamManager } from '@nats-io/jetstream'
import { describe, expect, it } from 'vitest'
import { connectNats } from '../../src/sources/nats/link.js'
import { natsServers, unique } from '../sources/brokers/support.js'
import { readJsonl, runCli, tempDir } from '../support/cli.js'

describe('pipelines/live: a producer replays a recording into JetStream while train learns online', () => {
  it('trains on every valid event, publishing a prediction per event, a metric per step and the dead letters', async () => {
    const name = unique('SENSORS')
    const spec = JSON.parse(fs.readFileSync('pipelines/live/sensors.json', 'utf8')) as {
      data: { train: Record<string, unknown> & { sinks: Record<string, { stream: string; subject: string }>; stop: object } }
    }
    const train = spec.data.train
    Object.assign(train, { stream: name, subject: `${name}.readings`, durable: `${name}-trainer`, stop: { idleMs: 3000 } })
    for (const [k, sink] of Object.entries(train.sinks)) Object.assign(sink, { stream: `${name}_${k.toUpperCase()}`, subject: `${name}.${k}` })
    const dir = tempDir({ 'sensors.json': JSON.stringify(spec) })
    const producer = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), 'pipelines/live/produce.ts', '--stream', name, '--subject', `${name}.readings`, '--speed', '3600'], { stdio: 'inherit' })
    const produced = new Promise((resolve) => producer.once('exit', resolve))

    const r = await runCli(['train', 'sensors.json', '--state', 'sensors.state', '--checkpoint-every', '50', '--metrics', 'm.jsonl', '--quiet'], { cwd: dir })
    await produced

    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const { summary } = readJsonl(join(dir, 'm.jsonl')).pop() as { summary: { events: number; trained: number; deadLettered: number; skipped: number } }
    expect(summary).toMatchObject({ events: 400, trained: 391, deadLettered: 6, skipped: 3 })
    const nc = await connectNats({ servers: natsServers })
    const jsm = await jetstreamManager(nc)
    const count = async (s: string) => (await jsm.streams.info(s)).state.messages
    expect(await count(`${name}_PREDICTIONS`)).toBe(391)
    expect(await count(`${name}_DEADLETTERS`)).toBe(6)
    expect(await count(`${name}_METRICS`)).toBe(392)
    await nc.close()
  }, 60_000)
})
