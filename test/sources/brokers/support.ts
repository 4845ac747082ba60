/**
 * Shared wiring for the broker tests: unique names, event lines, collecting a source, free ports,
 * throwaway servers (for restart tests) and producers in a child process (for speed tests).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { type Socket, connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lastValueFrom, toArray } from 'rxjs'
import type { BrokerSource } from '../../../src/sources/broker.js'
import type { Numbered } from '../../../src/spec/records.js'

/** The shared servers on this machine. */
export const natsServers = '127.0.0.1:4222'
export const redisUrl = 'redis://127.0.0.1:6379'

let counter = 0
/** A name no other test (or earlier run) uses: prefix, pid, time, counter. */
export const unique = (prefix: string): string => `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`

/** n event lines `{"x":[i],"y":i}` for i = from … from+n-1. */
export const eventLines = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => `{"x":[${from + i}],"y":${from + i}}`)

/** Every record of a source that completes on its own. */
export const collect = (source: BrokerSource): Promise<Numbered<string>[]> => lastValueFrom(source.records.pipe(toArray()), { defaultValue: [] })

/** Keeps the thread busy for `ms`: a consumer whose work is synchronous, as the trainer's is. */
export const busy = (ms: number): void => {
  const end = performance.now() + ms
  while (performance.now() < end) {
    // spin
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A TCP port nothing listens on right now. */
export const freePort = async (): Promise<number> => {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (address === null || typeof address === 'string') throw new Error('freePort: no port')
  return address.port
}

/** Resolves once something accepts connections on `port`. */
export const waitForPort = async (port: number, timeoutMs = 10_000): Promise<void> => {
  const end = performance.now() + timeoutMs
  for (;;) {
    const socket: Socket = connect(port, '127.0.0.1')
    const ok = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true))
      socket.once('error', () => resolve(false))
    })
    socket.destroy()
    if (ok) return
    if (performance.now() > end) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`)
    await sleep(50)
  }
}

/** A server process of our own on `port`, started and stopped by the test. */
export interface OwnServer {
  readonly port: number
  readonly start: () => Promise<void>
  /** Graceful stop (SIGTERM), waiting for the process to exit. */
  readonly stop: () => Promise<void>
  /** Stops the server and deletes its data folder. */
  readonly dispose: () => Promise<void>
}

const ownServer = (port: number, dir: string, command: string, args: readonly string[]): OwnServer => {
  let child: ChildProcess | undefined
  const server: OwnServer = {
    port,
    start: async () => {
      child = spawn(command, args, { stdio: 'ignore' })
      await waitForPort(port)
    },
    stop: async () => {
      const c = child
      child = undefined
      if (c === undefined || c.exitCode !== null) return
      const exited = once(c, 'exit')
      c.kill('SIGTERM')
      await exited
    },
    dispose: async () => {
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return server
}

/** A JetStream-enabled nats-server on a free port, storing into a fresh temporary folder. */
export const ownNats = async (): Promise<OwnServer> => {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'streamprop-nats-'))
  return ownServer(port, dir, '/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir])
}

/** A redis-server on a free port with an fsync-always append-only file, so a restart keeps everything. */
export const ownRedis = async (): Promise<OwnServer> => {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'streamprop-redis-'))
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir]
  return ownServer(port, dir, 'redis-server', args)
}

/**
 * Runs produce.ts in another process (so a busy consumer here cannot slow it down) and resolves
 * with its run time in ms once it has published everything.
 */
export const produceElsewhere = async (args: readonly string[]): Promise<number> => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'produce.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`produce.ts ${args.join(' ')} exited with ${code}`)
  return Number(out.trim())
}
