/**
 * Bytes to numbered lines, chunk by chunk: the line semantics every text source shares. Lines
 * split on `\n`, one trailing `\r` is dropped, invalid UTF-8 becomes U+FFFD, blank lines are
 * kept (the pipeline counts them as skipped), and a last line without `\n` is still a line.
 */
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

/** A splitter that hands each line to `emit`, which returns false to stop. */
export const lineSplitter = (
  emit: (line: FileLine) => boolean,
  start: LineStart = { byte: 0, line: 1 },
): LineSplitter => {
  // ignoreBOM: every line's flush resets the decoder, which would otherwise strip a U+FEFF at the
  // start of every line. The one BOM we drop is the file's own, at byte 0 (see `send`).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  let line = start.line
  let offset = start.byte // where the line being assembled starts
  let pending = '' // decoded text of that line so far
  let pendingBytes = 0

  const send = (raw: string, end: number): boolean => {
    let text = offset === 0 && raw.charCodeAt(0) === BOM ? raw.slice(1) : raw
    if (text.charCodeAt(text.length - 1) === CR) text = text.slice(0, -1)
    const record: FileLine = { line, value: text, end }
    line += 1
    offset = end
    return emit(record)
  }

  const push = (chunk: Uint8Array): boolean => {
    let b = 0
    for (let nl = chunk.indexOf(LF); nl >= 0; nl = chunk.indexOf(LF, b)) {
      // Decoding each line on its own, without `stream`, flushes a sequence the newline cut short
      // into U+FFFD, as decoding the whole file would. It also gives every line its own string:
      // slices of one decoded chunk would keep the whole chunk alive for as long as any line is.
      const text = pending + decoder.decode(chunk.subarray(b, nl))
      const end = offset + pendingBytes + nl + 1 - b
      pending = ''
      pendingBytes = 0
      if (!send(text, end)) return false
      b = nl + 1
    }
    if (b < chunk.length) {
      pending += decoder.decode(chunk.subarray(b), { stream: true })
      pendingBytes += chunk.length - b
    }
    return true
  }

  const end = (): boolean => {
    // A flush turns a multi-byte sequence cut off by the end of input into U+FFFD.
    const tail = pending + decoder.decode()
    // A file holding nothing but its BOM has no lines, as an empty one has none.
    const bomOnly = offset === 0 && tail === '\uFEFF'
    return pendingBytes > 0 && !bomOnly ? send(tail, offset + pendingBytes) : true
  }

  return { push, end }
}
