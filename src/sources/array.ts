/** In-memory records as a source: for tests, examples and quick experiments. */
import { type Observable, from, map } from 'rxjs'
import type { Numbered } from '../spec/records.js'

// A non-string becomes its JSON text, so it is decoded exactly as a file's line would be.
const rawText = (record: unknown): string =>
  typeof record === 'string' ? record : (JSON.stringify(record) ?? String(record))

/** Each element as one raw record numbered from 1: strings as they are, anything else as JSON text. */
export const fromArray = (records: readonly unknown[]): Observable<Numbered<string>> =>
  from(records).pipe(map((record, i): Numbered<string> => ({ line: i + 1, value: rawText(record) })))
