/** Replaying a recorded fixture stream, as fast as possible or on its recorded clock. */
import { type Observable, type SchedulerLike, asyncScheduler, concatMap, defer, from, map, of, timer } from 'rxjs'
import type { Numbered } from '../spec/records.js'
import { type Recorded, readRecording } from './recording.js'

/** How to replay: `fast` emits everything at once; `recorded` keeps each record's `t` on `scheduler`. */
export interface ReplayOptions {
  readonly clock: 'fast' | 'recorded'
  /** The clock for `recorded`; the async scheduler by default, which `TestScheduler.run` makes virtual. */
  readonly scheduler?: SchedulerLike
}

const numbered = ({ line, raw, subject }: Recorded): Numbered<string> =>
  subject === undefined ? { line, value: raw } : { line, value: raw, subject }

/** The records of a recording (a file path or the records themselves) as a cold source of raw records. */
export const replay = (
  recording: string | readonly Recorded[],
  { clock, scheduler = asyncScheduler }: ReplayOptions,
): Observable<Numbered<string>> =>
  defer(() => {
    const records = typeof recording === 'string' ? readRecording(recording) : recording
    if (clock === 'fast') return from(records).pipe(map(numbered))
    const start = scheduler.now()
    return from(records).pipe(
      concatMap((r) => {
        // Due times count from the start, not from the previous record, so delays never drift.
        const wait = start + r.t - scheduler.now()
        return wait > 0 ? timer(wait, scheduler).pipe(map(() => numbered(r))) : of(numbered(r))
      }),
    )
  })
