/**
 * CSV files with a header row as raw records for the shared event decoder. Each data line
 * becomes a `CsvRow` whose `value` is a JSON event line built from the named columns; `raw` keeps
 * the original CSV line for the dead letter. A row that cannot become an event carries `error`
 * (naming the column) and its original line as `value`, so the decoder turns it into
 * `{line, raw, error}` without parsing anything. The header is read by the source and is not a
 * record; lines keep their numbers in the file (the first data row is line 2). Blank lines pass
 * through unchanged, to be skipped and counted like blank JSONL lines. A column named by the
 * spec but missing from the header, or a file without a header, is an Observable error.
 */
import { resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { EMPTY, type Observable, concat, defer, mergeMap, of, take, throwError } from 'rxjs'
import { type CsvColumns, type CsvSpec, csvHeader, csvLineToEvent } from './csvEvent.js'
import { type LinesOptions, lines } from './lines.js'
import type { FileLine } from './splitter.js'

/** A data line of a CSV file: the event line as `value`, or the original line and why it is not one. */
export interface CsvRow extends FileLine {
  /** The original CSV line (the dead letter's `raw`). */
  readonly raw: string
  /** Why the row cannot be an event, naming the column; absent when `value` is an event line. */
  readonly error?: string
}

/** How `csvRecords` reads: `lines`' options plus the cell delimiter (`,` by default). */
export interface CsvOptions extends LinesOptions {
  readonly delimiter?: string
}

const rowOf = (record: FileLine, columns: CsvColumns, delimiter: string): CsvRow => {
  const raw = record.value
  if (raw.trim() === '') return { ...record, raw }
  const event = csvLineToEvent(raw, columns, delimiter)
  return E.isRight(event) ? { ...record, value: event.right, raw } : { ...record, raw, error: event.left }
}

/** The data rows of the CSV file at `path`, with `spec.x` and `spec.y` as the event's columns. */
export const csvRecords = (
  path: string,
  spec: CsvSpec,
  { delimiter = ',', start, ...read }: CsvOptions = {},
): Observable<CsvRow> => {
  const resolved = resolve(path)
  // Resuming mid-file still needs the header, so it is read from the top first.
  const records =
    start === undefined || start.byte === 0
      ? lines(resolved, read)
      : concat(lines(resolved, read).pipe(take(1)), lines(resolved, { ...read, start }))
  return defer(() => {
    let columns: CsvColumns | null = null
    const rows = records.pipe(
      mergeMap((record): Observable<CsvRow> => {
        if (columns !== null) return of(rowOf(record, columns, delimiter))
        const header = csvHeader(record.value, spec, delimiter)
        if (E.isLeft(header)) return throwError(() => new Error(`${resolved}: ${header.left}`))
        columns = header.right
        return EMPTY
      }),
    )
    const headerSeen = defer(() =>
      columns === null ? throwError(() => new Error(`${resolved}: no header row`)) : EMPTY,
    )
    return concat(rows, headerSeen)
  })
}
