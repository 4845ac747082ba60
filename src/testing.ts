/**
 * Testing tools for pipelines (the package's `streamprop/testing` entry): replay a recorded
 * fixture through a pipeline on virtual time and compare what it emits with recorded
 * expectations, or re-record them deliberately. A one-hour recording replays in milliseconds.
 */
import fs from 'node:fs'
import { type Observable, type SchedulerLike, VirtualTimeScheduler, lastValueFrom, tap, toArray } from 'rxjs'
import type { Numbered } from './spec/records.js'
import { record } from './sources/record.js'
import { type Recorded, formatRecorded } from './sources/recording.js'
import { replay } from './sources/replay.js'

export { type Recorded, parseRecording, readRecording } from './sources/recording.js'
export { record } from './sources/record.js'
export { replay } from './sources/replay.js'

/** A fixture replay: the recording, the pipeline under test, and the file of expected outputs. */
export interface ReplayCheck<T> {
  /** A recording file (JSONL of `{t, line, raw}`) or its records. */
  readonly recording: string | readonly Recorded[]
  /** Builds the pipeline from the replayed records; time-based operators must use `scheduler`. */
  readonly pipeline: (records: Observable<Numbered<string>>, scheduler: SchedulerLike) => Observable<T>
  /** The expected outputs, one JSON value per line. */
  readonly expected: string
  /** `recorded` (default) keeps the recorded arrival times on virtual time; `fast` emits at once. */
  readonly clock?: 'fast' | 'recorded'
  /** What of each output to compare and record (default: the output itself, as JSON). */
  readonly project?: (value: T) => unknown
  /** Write the outputs as the new expectations instead of comparing (re-record deliberately). */
  readonly update?: boolean
}

/** What a replay produced and how it compared. */
export interface ReplayOutcome {
  readonly actual: readonly unknown[]
  readonly expected: readonly unknown[] | null
  /** Null when they match; otherwise where and how they first differ. */
  readonly mismatch: string | null
  readonly updated: boolean
  /** Virtual milliseconds the replay covered. */
  readonly virtualMs: number
}

const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null') as unknown

const readExpected = (path: string): unknown[] | null =>
  fs.existsSync(path)
    ? fs
        .readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as unknown)
    : null

const firstDifference = (actual: readonly unknown[], expected: readonly unknown[]): string | null => {
  const n = Math.max(actual.length, expected.length)
  for (let i = 0; i < n; i++) {
    const a = JSON.stringify(actual[i])
    const e = JSON.stringify(expected[i])
    if (a !== e) return `output ${i + 1} of ${actual.length} (expected ${expected.length}): got ${a ?? 'nothing'}, expected ${e ?? 'nothing'}`
  }
  return null
}

/** Replays the recording through the pipeline on a virtual clock and compares (or records) the outputs. */
export const replayThrough = <T>(check: ReplayCheck<T>): ReplayOutcome => {
  const scheduler = new VirtualTimeScheduler()
  const records = replay(check.recording, { clock: check.clock ?? 'recorded', scheduler })
  const outputs: unknown[] = []
  let failure: unknown = null
  check
    .pipeline(records, scheduler)
    .subscribe({ next: (v) => outputs.push(asJson(check.project ? check.project(v) : v)), error: (e: unknown) => (failure = e) })
  scheduler.flush()
  if (failure !== null) throw failure
  if (check.update === true) {
    fs.writeFileSync(check.expected, outputs.map((o) => `${JSON.stringify(o)}\n`).join(''))
    return { actual: outputs, expected: outputs, mismatch: null, updated: true, virtualMs: scheduler.now() }
  }
  const expected = readExpected(check.expected)
  const mismatch = expected === null ? `no expectations at ${check.expected}; replay with update: true to record them` : firstDifference(outputs, expected)
  return { actual: outputs, expected, mismatch, updated: false, virtualMs: scheduler.now() }
}

/** replayThrough, throwing an Error that names the first difference when the outputs do not match. */
export const expectReplay = <T>(check: ReplayCheck<T>): ReplayOutcome => {
  const outcome = replayThrough(check)
  if (outcome.mismatch !== null) throw new Error(`replay of ${typeof check.recording === 'string' ? check.recording : 'records'}: ${outcome.mismatch}`)
  return outcome
}

/** Records a live source into a fixture file (each record with its arrival time), resolving when it completes. */
export const recordToFile = async (source: Observable<Numbered<string>>, path: string, scheduler?: SchedulerLike): Promise<number> => {
  const fd = fs.openSync(path, 'w')
  try {
    const all = await lastValueFrom(
      source.pipe(
        record(scheduler),
        tap((r) => fs.writeSync(fd, `${formatRecorded(r)}\n`)),
        toArray(),
      ),
    )
    return all.length
  } finally {
    fs.closeSync(fd)
  }
}
