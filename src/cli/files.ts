/** File input and output for the commands: readable errors, atomic replacement, buffered line writers. */
import fs from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { RunFailure } from './failure.js'

const reason = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code
  return code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : ((e as Error).message ?? String(e))
}

/** The bytes of a file, or a RunFailure naming the file and why. */
export const readBytes = (path: string): Uint8Array => {
  try {
    return fs.readFileSync(path)
  } catch (e) {
    throw new RunFailure(`cannot read ${path}: ${reason(e)}`)
  }
}

/** The text of a file (UTF-8), or a RunFailure naming the file and why. */
export const readText = (path: string): string => new TextDecoder().decode(readBytes(path))

/**
 * Replaces `path` with `bytes` so that a crash leaves either the old or the new file, never a
 * torn one: write a temporary file beside it, fsync it, rename it over the target, fsync the folder.
 */
export const writeAtomic = (path: string, bytes: Uint8Array | string): void => {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    fs.mkdirSync(dirname(path), { recursive: true })
    const fd = fs.openSync(temp, 'w')
    try {
      fs.writeFileSync(fd, bytes)
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(temp, path)
    const dir = fs.openSync(dirname(path), 'r')
    try {
      fs.fsyncSync(dir)
    } finally {
      fs.closeSync(dir)
    }
  } catch (e) {
    fs.rmSync(temp, { force: true })
    throw new RunFailure(`cannot write ${path}: ${reason(e)}`)
  }
}

/** A JSONL file written through a buffer (one syscall per 64 KiB, not per line). */
export interface LineWriter {
  readonly write: (value: unknown) => void
  /** Writes one line of JSON text already made (the per-step metrics, built without JSON.stringify). */
  readonly writeLine: (json: string) => void
  /** Writes out what is buffered (and fsyncs when `durable`). */
  readonly flush: (durable?: boolean) => void
  readonly close: () => void
}

/** A LineWriter to `path` (created or truncated). */
export const lineWriter = (path: string): LineWriter => {
  let fd: number
  try {
    fs.mkdirSync(dirname(path), { recursive: true })
    fd = fs.openSync(path, 'w')
  } catch (e) {
    throw new RunFailure(`cannot write ${path}: ${reason(e)}`)
  }
  let buffer = ''
  const flush = (durable = false): void => {
    if (buffer.length > 0) fs.writeSync(fd, buffer)
    buffer = ''
    if (durable) fs.fsyncSync(fd)
  }
  return {
    write: (value) => {
      buffer += `${JSON.stringify(value)}\n`
      if (buffer.length >= 65536) flush()
    },
    writeLine: (json) => {
      buffer += `${json}\n`
      if (buffer.length >= 65536) flush()
    },
    flush,
    close: () => {
      flush()
      fs.closeSync(fd)
    },
  }
}
