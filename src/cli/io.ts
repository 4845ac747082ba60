/** Where a command writes and reads: the process's streams in real use, buffers in tests. */
import type { Readable } from 'node:stream'
import { type Observable, fromEvent, merge } from 'rxjs'

/** A writable text stream with what progress reporting needs to know about it. */
export interface Output {
  readonly write: (text: string) => void
  /** A terminal (progress redraws one line) or not (periodic plain lines). */
  readonly isTTY: boolean
  readonly columns?: number
}

/** The streams and folder a command runs with. */
export interface Io {
  readonly stdout: Output
  readonly stderr: Output
  readonly stdin: Readable
  readonly cwd: string
  /** Milliseconds, for progress and timings (injectable for tests). */
  readonly now: () => number
  /** Emits when the run should stop early (SIGINT, SIGTERM): the current step finishes and the state is written. */
  readonly interrupt?: Observable<unknown>
}

/** The process's own streams. */
export const processIo = (): Io => ({
  stdout: { write: (t) => void process.stdout.write(t), isTTY: process.stdout.isTTY === true, columns: process.stdout.columns },
  stderr: { write: (t) => void process.stderr.write(t), isTTY: process.stderr.isTTY === true, columns: process.stderr.columns },
  stdin: process.stdin,
  cwd: process.cwd(),
  now: () => performance.now(),
  interrupt: merge(fromEvent(process, 'SIGINT'), fromEvent(process, 'SIGTERM')),
})
