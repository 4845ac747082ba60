/**
 * Decoding with accounting: every raw record is trained on (becomes a sample), dead-lettered
 * with its position and reason, or skipped (a blank line), and a tally counts all three so that
 * events = trained + deadLettered + skipped. Each sample carries the tally as of its own line,
 * so a checkpoint taken after it can record exactly how far the counts had got.
 */
import * as E from 'fp-ts/lib/Either.js'
import { type OperatorFunction, defer, filter, map, pipe } from 'rxjs'
import { decodeLine } from '../spec/event.js'
import type { DeadLetter, Numbered, Sample } from '../spec/records.js'
import type { EventShape } from '../spec/widths.js'

/** Counts of one pass over a source. */
export interface Tally {
  readonly events: number
  readonly trained: number
  readonly deadLettered: number
  readonly skipped: number
}

/** No records yet. */
export const emptyTally: Tally = { events: 0, trained: 0, deadLettered: 0, skipped: 0 }

/** A raw record as sources give it: a CSV row may carry its original line and a reason it cannot be an event. */
export type RawRecord = Numbered<string> & { readonly raw?: string; readonly error?: string; readonly end?: number }

/** A decoded sample with where it ended in its file (for resuming) and the tally as of its line. */
export type Counted = Numbered<Sample> & { readonly end?: number; readonly tally: Tally }

/** Options of `decodeCounted`. */
export interface DecodeOptions {
  /** Counting starts here (a resumed run continues its counts). */
  readonly from?: Tally
  /** Receives each dead letter and the record it came from; absent: dead letters are only counted. */
  readonly deadLetters?: (d: DeadLetter, record: RawRecord) => void
  /** Called with the tally after every record (for progress and the final summary). */
  readonly onTally?: (t: Tally) => void
}

/** Blank lines (nothing but white space) are skipped, as the contract says. */
const isBlank = (s: string): boolean => s.trim() === ''

/** Raw records to samples, diverting dead letters and counting every record exactly once. */
export const decodeCounted =
  (shape: EventShape, { from = emptyTally, deadLetters, onTally }: DecodeOptions = {}): OperatorFunction<RawRecord, Counted> =>
  (records) =>
    defer(() => {
      let tally = from
      return records.pipe(decodeEach(shape, () => tally, (t) => (tally = t), deadLetters, onTally))
    })

/** The per-record work of decodeCounted, reading and writing the subscription's tally. */
const decodeEach = (
  shape: EventShape,
  get: () => Tally,
  set: (t: Tally) => void,
  deadLetters: DecodeOptions['deadLetters'],
  onTally: DecodeOptions['onTally'],
): OperatorFunction<RawRecord, Counted> =>
  pipe(
    map((r: RawRecord): Counted | null => {
      let tally = get()
      if (isBlank(r.value) && r.error === undefined) {
        tally = { ...tally, events: tally.events + 1, skipped: tally.skipped + 1 }
        set(tally)
        onTally?.(tally)
        return null
      }
      const decoded: E.Either<DeadLetter, Numbered<Sample>> =
        r.error !== undefined ? E.left({ line: r.line, raw: r.raw ?? r.value, error: r.error }) : decodeLine(r.raw !== undefined ? r : r, shape)
      if (E.isLeft(decoded)) {
        tally = { ...tally, events: tally.events + 1, deadLettered: tally.deadLettered + 1 }
        set(tally)
        deadLetters?.(r.raw !== undefined ? { ...decoded.left, raw: r.raw } : decoded.left, r)
        onTally?.(tally)
        return null
      }
      tally = { ...tally, events: tally.events + 1, trained: tally.trained + 1 }
      set(tally)
      onTally?.(tally)
      return { ...decoded.right, tally }
    }),
    filter((c): c is Counted => c !== null),
  )
