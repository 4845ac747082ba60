/**
 * Writing into JetStream: a JSON-lines sink on a subject, and a producer that loads raw lines
 * into a stream (for tests, benchmarks and the live example).
 */
import { JetStreamApiCodes, JetStreamApiError, StorageType, jetstream, jetstreamManager } from '@nats-io/jetstream'
import type { JetStreamManager } from '@nats-io/jetstream'
import { type NatsConnection, createInbox } from '@nats-io/transport-node'
import { type JsonSink, jsonSink } from '../sink.js'
import { type NatsTarget, connectNats, natsName } from './link.js'

/** A sink publishing JSON lines on `subject` through JetStream (a stream must capture the subject). */
export const natsPublisher = (nc: NatsConnection, subject: string): JsonSink => {
  const js = jetstream(nc)
  return jsonSink(async (line) => {
    await js.publish(subject, line)
  })
}

/** Creates `stream` capturing `subject` unless a stream of that name exists. */
export const ensureStream = async (
  jsm: JetStreamManager,
  stream: string,
  subject: string,
  storage: 'file' | 'memory' = 'file',
): Promise<void> => {
  try {
    await jsm.streams.info(stream)
  } catch (e) {
    if (!(e instanceof JetStreamApiError && e.code === JetStreamApiCodes.StreamNotFound)) throw e
    const type = storage === 'memory' ? StorageType.Memory : StorageType.File
    await jsm.streams.add({ name: stream, subjects: [subject], storage: type })
  }
}

/** What to load into JetStream. */
export interface NatsLines extends NatsTarget {
  readonly stream: string
  readonly subject: string
  readonly lines: Iterable<string>
  readonly storage?: 'file' | 'memory'
  /** Publishes awaiting their broker acknowledgement at once (default 5000). */
  readonly window?: number
}

/** The stream sequence in a JetStream publish acknowledgement, or why there is none. */
const pubAckSeq = (data: Uint8Array, subject: string): number | string => {
  // An empty reply is the "no responders" status: no stream captures the subject.
  if (data.length === 0) return `no stream captures subject ${subject}`
  const ack = JSON.parse(new TextDecoder().decode(data)) as { seq?: number; error?: { description?: string } }
  return typeof ack.seq === 'number' ? ack.seq : (ack.error?.description ?? 'publish not acknowledged')
}

/**
 * Publishes `lines` in order on `subject` (creating `stream` if needed); returns the last stream
 * sequence. Each publish carries a reply subject and a window of them is outstanding at once:
 * js.publish's request per message is about ten times slower.
 */
export const publishLines = async ({ lines, window = 5000, ...target }: NatsLines): Promise<number> => {
  const nc = await connectNats(target)
  try {
    await ensureStream(await jetstreamManager(nc), target.stream, target.subject, target.storage)
    const inbox = createInbox()
    let sent = 0
    let acked = 0
    let last = 0
    let failure: string | undefined
    let wake = (): void => {}
    const sub = nc.subscribe(`${inbox}.*`, {
      callback: (_, m) => {
        const seq = pubAckSeq(m.data, target.subject)
        if (typeof seq === 'number') last = Math.max(last, seq)
        else failure ??= seq
        acked++
        wake()
      },
    })
    const until = async (done: () => boolean): Promise<void> => {
      while (!done() && failure === undefined) await new Promise<void>((resolve) => (wake = resolve))
    }
    for (const line of lines) {
      nc.publish(target.subject, line, { reply: `${inbox}.${sent++}` })
      if (sent - acked >= window) await until(() => sent - acked < window)
    }
    await until(() => acked === sent)
    sub.unsubscribe()
    if (failure !== undefined) {
      throw new Error(`${natsName(target.servers)}: publishing to ${target.stream}: ${failure}`)
    }
    return last
  } finally {
    await nc.close()
  }
}
