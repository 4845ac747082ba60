/**
 * A NATS connection that rides out broker restarts: it waits for a server that is not up yet,
 * reconnects with the source's `Reconnect` policy, and reports each drop, so a reader can tell
 * that replies in flight may have been lost. Errors name the server.
 */
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import type { NatsConnection } from '@nats-io/transport-node'
import { type Reconnect, defaultReconnect } from '../broker.js'
import { retrying } from '../retry.js'

/** Where a NATS source or sink connects, and how patiently. */
export interface NatsTarget {
  readonly servers: string | readonly string[]
  readonly reconnect?: Reconnect
}

/** How messages name the broker: `NATS at 127.0.0.1:4222`. */
export const natsName = (servers: string | readonly string[]): string => `NATS at ${[servers].flat().join(',')}`

/** The text of an unknown thrown value. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * A connection to `servers`, waiting for the first server as for a reconnect. (The client's own
 * `waitOnFirstConnect` ignores `maxReconnectAttempts` and would wait forever.)
 */
export const connectNats = async ({ servers, reconnect = defaultReconnect }: NatsTarget): Promise<NatsConnection> => {
  try {
    return await retrying(reconnect, () =>
      connect({
        servers: [servers].flat(),
        name: 'streamprop',
        maxReconnectAttempts: reconnect.attempts,
        reconnectTimeWait: reconnect.waitMs,
      }),
    )
  } catch (e) {
    const patience = `${reconnect.attempts} attempts ${reconnect.waitMs} ms apart`
    throw new Error(`${natsName(servers)}: cannot connect after ${patience} (${messageOf(e)})`)
  }
}

/** The ups and downs of one connection. */
export interface Liveness {
  /** Counts drops; a changed value means replies in flight may have been lost. */
  readonly drops: () => number
  /** Resolves when connected (at once if up); rejects, naming the server, once the client gave up. */
  readonly up: () => Promise<void>
  /** Calls `f` at each drop; returns the unregister function. */
  readonly onDrop: (f: () => void) => () => void
}

/** Follows `nc` from now until it closes. */
export const liveness = (nc: NatsConnection, target: NatsTarget): Liveness => {
  const { attempts } = target.reconnect ?? defaultReconnect
  let drops = 0
  let connected = true
  let gone: Error | undefined
  const dropListeners = new Set<() => void>()
  let waiters: { resolve: () => void; reject: (e: Error) => void }[] = []
  const settle = (f: (w: (typeof waiters)[number]) => void): void => {
    const ws = waiters
    waiters = []
    ws.forEach(f)
  }
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        connected = false
        drops++
        dropListeners.forEach((f) => f())
      } else if (s.type === 'reconnect') {
        connected = true
        settle((w) => w.resolve())
      }
    }
  })()
  void nc.closed().then((err) => {
    gone = new Error(
      err instanceof Error
        ? `${natsName(target.servers)}: connection lost and not regained after ${attempts} attempts (${err.message})`
        : `${natsName(target.servers)}: connection closed`,
    )
    settle((w) => w.reject(gone as Error))
  })
  return {
    drops: () => drops,
    up: () => {
      if (gone !== undefined) return Promise.reject(gone)
      if (connected) return Promise.resolve()
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }))
    },
    onDrop: (f) => {
      dropListeners.add(f)
      return () => dropListeners.delete(f)
    },
  }
}

/** A connection with its JetStream manager and its liveness. */
export interface NatsLink {
  readonly nc: NatsConnection
  readonly jsm: JetStreamManager
  readonly live: Liveness
}

/** Connects (see connectNats) and starts following the connection. */
export const natsLink = async (target: NatsTarget): Promise<NatsLink> => {
  const nc = await connectNats(target)
  return { nc, jsm: await jetstreamManager(nc), live: liveness(nc, target) }
}
