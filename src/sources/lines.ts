/**
 * A file's lines as a cold Observable, read on demand: the next chunk is read only after every
 * line of the previous one has been emitted. Training runs synchronously inside `next`, so memory
 * stays at one chunk plus the longest line, however large the file. Each subscription opens the
 * file again; unsubscribing closes it.
 */
import fs from 'node:fs'
import { resolve } from 'node:path'
import { type MonoTypeOperatorFunction, Observable, skipWhile } from 'rxjs'
import { readError } from './ioError.js'
import { type FileLine, type LineStart, lineSplitter } from './splitter.js'

/** How `lines` reads. */
export interface LinesOptions {
  /** Bytes per read, 256 KiB by default; tests use tiny chunks to cut lines and characters apart. */
  readonly chunkSize?: number
  /** Seek here instead of reading from the top (resuming after a line whose `end` was kept). */
  readonly start?: LineStart
}

const noop = (): void => {}

/** The lines of the file at `path` (resolved against the working directory), numbered from 1. */
export const lines = (
  path: string,
  { chunkSize = 262144, start = { byte: 0, line: 1 } }: LinesOptions = {},
): Observable<FileLine> => {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`lines: chunkSize must be a positive integer, got ${chunkSize}`)
  }
  if (!Number.isInteger(start.byte) || start.byte < 0 || !Number.isInteger(start.line) || start.line < 1) {
    throw new RangeError(`lines: start must be a byte offset ≥ 0 and a line ≥ 1, got ${JSON.stringify(start)}`)
  }
  const resolved = resolve(path)
  return new Observable<FileLine>((subscriber) => {
    const buffer = Buffer.allocUnsafe(chunkSize)
    const splitter = lineSplitter((line) => {
      subscriber.next(line)
      return !subscriber.closed
    }, start)
    let fd: number | null = null
    // While a read is in flight the fd stays open even after unsubscribing: closing it then could
    // let the number be reused by another open and the read land in someone else's file.
    let reading = false
    let position = start.byte

    const close = (): void => {
      if (fd !== null) fs.close(fd, noop)
      fd = null
    }

    const readNext = (from: number): void => {
      reading = true
      fs.read(from, buffer, 0, chunkSize, position, (error, bytes) => {
        reading = false
        if (subscriber.closed) return close()
        if (error) return subscriber.error(readError(resolved, error))
        if (bytes === 0) {
          splitter.end()
          return subscriber.complete()
        }
        position += bytes
        if (splitter.push(buffer.subarray(0, bytes))) readNext(from)
      })
    }

    fs.open(resolved, 'r', (error, opened) => {
      if (subscriber.closed) {
        if (!error) fs.close(opened, noop)
        return
      }
      if (error) return subscriber.error(readError(resolved, error))
      fd = opened
      readNext(opened)
    })

    return () => {
      if (!reading) close()
    }
  })
}

/** Drops the records numbered below `line`, for resuming without a byte offset (the lines are still read). */
export const fromLine = <R extends { readonly line: number }>(line: number): MonoTypeOperatorFunction<R> =>
  skipWhile((record) => record.line < line)
