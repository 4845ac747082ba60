/**
 * Bytes to numbered lines, chunk by chunk: the line semantics every text source shares. Lines
 * split on `\n`, one trailing `\r` is dropped, invalid UTF-8 becomes U+FFFD, blank lines are
 * kept (the pipeline counts them as skipped), and a last line without `\n` is still a line.
 *
 * Each line is decoded on its own into a string of its own: slices of one decoded chunk would
 * keep the whole chunk alive for as long as any line is (a dead letter held by a sink, say).
 * A `\n` never occurs inside a UTF-8 sequence and cuts one short as the end of input does, so
 * decoding line by line gives what decoding the whole file would. Buffer's UTF-8 decoder is V8's,
 * the one TextDecoder's fast path uses, with the same U+FFFD replacements (the tests compare them).
 */
import { isAscii } from 'node:buffer'
import type { Numbered } from '../spec/records.js'

/** A line of a file: its 1-based number, its text, and the byte offset just past its `\n`. */
export interface FileLine extends Numbered<string> {
  /** Where a resumed read starts: `lines(path, { start: { byte: end, line: line + 1 } })`. */
  readonly end: number
}

/** Where reading begins: a byte offset that starts a line, and that line's number. */
export interface LineStart {
  readonly byte: number
  readonly line: number
}

/** Per-subscription splitting state; each method returns false once `emit` asked to stop. */
export interface LineSplitter {
  /** Emits every line this chunk completes; the bytes after its last `\n` wait for the next chunk. */
  readonly push: (chunk: Uint8Array) => boolean
  /** Emits the final line when the input did not end with `\n`. */
  readonly end: () => boolean
}

const LF = 0x0a
const CR = 0x0d
const BOM = 0xfeff

/** The chunk as a Buffer over the same memory (no copy), for Buffer's decoders. */
const asBuffer = (chunk: Uint8Array): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)

/** A splitter that hands each line to `emit`, which returns false to stop. */
export const lineSplitter = (
  emit: (line: FileLine) => boolean,
  start: LineStart = { byte: 0, line: 1 },
): LineSplitter => {
  let line = start.line
  let offset = start.byte // where the line being assembled starts
  // Copies of the bytes of that line so far: the caller may reuse a chunk's memory for the next read.
  let pending: Buffer[] = []
  let pendingBytes = 0

  const send = (raw: string, end: number): boolean => {
    // The one BOM we drop is the file's own, at byte 0; a U+FEFF elsewhere is text.
    let text = offset === 0 && raw.charCodeAt(0) === BOM ? raw.slice(1) : raw
    if (text.charCodeAt(text.length - 1) === CR) text = text.slice(0, -1)
    const record: FileLine = { line, value: text, end }
    line += 1
    offset = end
    return emit(record)
  }

  /** The line held in `pending` and then `head`, decoded whole. */
  const joined = (head: Buffer): string => {
    const text = Buffer.concat([...pending, head]).toString('utf8')
    pending = []
    pendingBytes = 0
    return text
  }

  const push = (bytes: Uint8Array): boolean => {
    const chunk = asBuffer(bytes)
    let b = 0
    let nl = chunk.indexOf(LF)
    if (nl >= 0 && pendingBytes > 0) {
      const bytesBefore = pendingBytes
      if (!send(joined(chunk.subarray(0, nl)), offset + bytesBefore + nl + 1)) return false
      b = nl + 1
      nl = chunk.indexOf(LF, b)
    }
    // Pure ASCII is its own UTF-8 and Latin-1 both, and Latin-1 is a plain copy; a simd check of
    // the chunk is cheaper than the UTF-8 decoder's work on every line.
    const encoding = nl >= 0 && isAscii(chunk) ? 'latin1' : 'utf8'
    for (; nl >= 0; nl = chunk.indexOf(LF, b)) {
      if (!send(chunk.toString(encoding, b, nl), offset + nl + 1 - b)) return false
      b = nl + 1
    }
    if (b < chunk.length) {
      pending.push(Buffer.from(chunk.subarray(b)))
      pendingBytes += chunk.length - b
    }
    return true
  }

  const end = (): boolean => {
    if (pendingBytes === 0) return true
    const bytes = pendingBytes
    // The decoder turns a multi-byte sequence cut off by the end of input into U+FFFD.
    const tail = joined(Buffer.alloc(0))
    // A file holding nothing but its BOM has no lines, as an empty one has none.
    return offset === 0 && tail === '\uFEFF' ? true : send(tail, offset + bytes)
  }

  return { push, end }
}
