/**
 * Lines of a Node Readable (stdin, a socket, a pipe) with the same semantics as `lines`. The
 * stream is pulled with `read()` from its 'readable' event, so it fills at most its own
 * highWaterMark while the lines already read are processed: backpressure reaches the producer.
 * A stream can be consumed once: after an unsubscribe the rest of the chunk being split is lost,
 * and a new subscription starts at the stream's next chunk, numbering from 1 again.
 */
import type { Readable } from 'node:stream'
import { Observable } from 'rxjs'
import { type FileLine, lineSplitter } from './splitter.js'

const bytesOf = (chunk: unknown): Uint8Array => {
  if (chunk instanceof Uint8Array) return chunk
  // A stream with setEncoding() hands out strings; re-encoding gives the same lines.
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8')
  throw new TypeError(`readableLines: expected byte or string chunks, got ${typeof chunk}`)
}

/** The lines of `stream`, numbered from 1; `name` goes into error messages. */
export const readableLines = (stream: Readable, name = 'stream'): Observable<FileLine> =>
  new Observable<FileLine>((subscriber) => {
    const splitter = lineSplitter((line) => {
      subscriber.next(line)
      return !subscriber.closed
    })
    const onReadable = (): void => {
      try {
        for (let chunk: unknown = stream.read(); chunk !== null; chunk = stream.read()) {
          if (!splitter.push(bytesOf(chunk))) return
        }
      } catch (error) {
        subscriber.error(error)
      }
    }
    const onEnd = (): void => {
      splitter.end()
      subscriber.complete()
    }
    const onError = (error: Error): void =>
      subscriber.error(new Error(`cannot read ${name}: ${error.message}`, { cause: error }))

    if (stream.readableEnded) {
      subscriber.complete()
      return
    }
    stream.on('readable', onReadable)
    stream.on('end', onEnd)
    stream.on('error', onError)
    return () => {
      stream.off('readable', onReadable)
      stream.off('end', onEnd)
      stream.off('error', onError)
    }
  })

/** The lines of standard input. */
export const stdinLines = (): Observable<FileLine> => readableLines(process.stdin, 'stdin')
