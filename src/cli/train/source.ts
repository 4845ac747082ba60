/** Opening a spec's source as raw records, with what progress needs to know about its size. */
import fs from 'node:fs'
import { resolve } from 'node:path'
import type { Observable } from 'rxjs'
import type { SourceSpec } from '../../spec/source.js'
import { csvRecords } from '../../sources/csv.js'
import type { RawRecord } from '../../sources/decode.js'
import { lines } from '../../sources/lines.js'
import { readableLines } from '../../sources/readable.js'
import type { LineStart } from '../../sources/splitter.js'
import { BadRequest } from '../failure.js'
import type { Io } from '../io.js'

/** Raw records of one pass, and the file's size in bytes when it is a file (for an ETA). */
export interface Opened {
  readonly records: Observable<RawRecord>
  readonly bytes?: number
}

const sizeOf = (path: string): number | undefined => {
  try {
    return fs.statSync(path).size
  } catch {
    return undefined
  }
}

/** The records of a file or stdin source, from `start` when resuming. Brokers are opened elsewhere. */
export const openFileSource = (source: SourceSpec, dir: string, io: Io, start?: LineStart): Opened => {
  switch (source.type) {
    case 'jsonl': {
      const path = resolve(dir, source.path)
      const bytes = sizeOf(path)
      return { records: lines(path, start === undefined ? {} : { start }), ...(bytes === undefined ? {} : { bytes }) }
    }
    case 'csv': {
      const path = resolve(dir, source.path)
      const bytes = sizeOf(path)
      return { records: csvRecords(path, source, start === undefined ? {} : { start }), ...(bytes === undefined ? {} : { bytes }) }
    }
    case 'stdin':
      return { records: readableLines(io.stdin, 'stdin') }
    default:
      throw new BadRequest([`data: a ${source.type} source is read by the broker trainer, not as a file`])
  }
}
