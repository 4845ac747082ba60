/**
 * A live producer for the online example: replays a recorded fixture into a JetStream stream on
 * its recorded clock (optionally sped up), while `streamprop train pipelines/live/sensors.json`
 * learns from it and publishes its predictions:
 *
 *   npx tsx pipelines/live/produce.ts --speed 60 &
 *   npx tsx src/cli.ts train pipelines/live/sensors.json --state out/sensors.state --checkpoint-every 10
 *
 * Options: --recording FILE (fixtures/sensor-stream/recording.jsonl), --servers URL
 * (nats://127.0.0.1:4222), --stream NAME (SENSORS), --subject SUBJECT (sensors.readings),
 * --speed FACTOR (1: real time; 60: an hour in a minute).
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { lastValueFrom, tap } from 'rxjs'
import { readRecording } from '../../src/sources/recording.js'
import { replay } from '../../src/sources/replay.js'
import { connectNats } from '../../src/sources/nats/link.js'
import { ensureStream } from '../../src/sources/nats/publish.js'
import { jetstream, jetstreamManager } from '@nats-io/jetstream'

const { values } = parseArgs({
  options: {
    recording: { type: 'string', default: join(import.meta.dirname, '..', '..', 'fixtures', 'sensor-stream', 'recording.jsonl') },
    servers: { type: 'string', default: 'nats://127.0.0.1:4222' },
    stream: { type: 'string', default: 'SENSORS' },
    subject: { type: 'string', default: 'sensors.readings' },
    speed: { type: 'string', default: '1' },
  },
})
const speed = Number(values.speed)
if (!(speed > 0)) throw new Error(`--speed must be a positive number, got ${values.speed}`)

const records = readRecording(values.recording).map((r) => ({ ...r, t: r.t / speed }))
const nc = await connectNats({ servers: values.servers })
await ensureStream(await jetstreamManager(nc), values.stream, values.subject)
const js = jetstream(nc)
let sent = 0
const pending: Promise<unknown>[] = []
await lastValueFrom(
  replay(records, { clock: 'recorded' }).pipe(
    tap((r) => {
      pending.push(js.publish(values.subject, r.value))
      sent++
    }),
  ),
  { defaultValue: null },
)
await Promise.all(pending)
await nc.close()
console.log(`published ${sent} records to ${values.stream} (${values.subject}) over ${(records[records.length - 1]?.t ?? 0) / 1000} s`)
