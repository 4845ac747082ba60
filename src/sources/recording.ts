/**
 * The fixture recording format: JSONL, one record per line, in the order they arrived:
 *
 *     {"t": 0, "line": 1, "raw": "{\"x\":[0,1],\"y\":1}"}
 *     {"t": 250, "line": 2, "raw": "", "subject": "events.sensors"}
 *
 * `t` is milliseconds since the recording started (by the recording scheduler's `now()`),
 * `line` the record's number in its source (line or broker sequence), `raw` its text exactly as
 * the source gave it (blank and malformed lines included, so a replay dead-letters the same
 * lines), and `subject` the broker subject when there was one. Blank lines in a recording file
 * are ignored.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { readError } from './ioError.js'

/** One recorded record: when it arrived (ms since the start), where it came from, and its text. */
export interface Recorded {
  readonly t: number
  readonly line: number
  readonly raw: string
  readonly subject?: string
}

/** A record as one line of a recording file (no trailing newline). */
export const formatRecorded = ({ t, line, raw, subject }: Recorded): string =>
  JSON.stringify(subject === undefined ? { t, line, raw } : { t, line, raw, subject })

const isRecorded = (u: unknown): u is Recorded => {
  if (typeof u !== 'object' || u === null) return false
  const r = u as Record<string, unknown>
  return (
    typeof r.t === 'number' &&
    Number.isFinite(r.t) &&
    typeof r.line === 'number' &&
    Number.isInteger(r.line) &&
    typeof r.raw === 'string' &&
    (r.subject === undefined || typeof r.subject === 'string')
  )
}

/** Parses the text of a recording file; `name` goes into the error a malformed line throws. */
export const parseRecording = (text: string, name = 'recording'): readonly Recorded[] =>
  text.split('\n').flatMap((row, i) => {
    if (row.trim() === '') return []
    let parsed: unknown
    try {
      parsed = JSON.parse(row)
    } catch {
      parsed = undefined
    }
    // A fixture that does not parse is a broken test input, not a stream record to dead-letter.
    if (!isRecorded(parsed)) {
      throw new Error(`${name}:${i + 1}: expected {"t": ms, "line": n, "raw": text}, got ${row.slice(0, 80)}`)
    }
    const { t, line, raw, subject } = parsed
    return [subject === undefined ? { t, line, raw } : { t, line, raw, subject }]
  })

/**
 * Reads a whole recording file synchronously: fixtures are small, and a synchronous read lets
 * a replay run entirely on a virtual-time scheduler. Throws naming the resolved path.
 */
export const readRecording = (path: string): readonly Recorded[] => {
  const resolved = resolve(path)
  let text: string
  try {
    text = readFileSync(resolved, 'utf8')
  } catch (error) {
    throw readError(resolved, error)
  }
  return parseRecording(text, resolved)
}
