/**
 * The batches of a run, epoch after epoch: records from the source, decoded with accounting
 * (dead letters and counts in the first pass only), shuffled per epoch when asked, in minibatches.
 * A resumed run starts in the epoch its state names, after the batches it had done.
 */
import { type Observable, EMPTY, concatMap, defer, range, skip, take, timeout } from 'rxjs'
import type { TrainingRecord } from '../../checkpoint/training.js'
import { minibatches } from '../../pipeline/batching.js'
import type { Batch } from '../../pipeline/records.js'
import { shuffleEpoch } from '../../pipeline/shuffle.js'
import type { DeadLetter } from '../../spec/records.js'
import type { Spec } from '../../spec/spec.js'
import type { EventShape } from '../../spec/widths.js'
import { type RawRecord, type Tally, decodeCounted } from '../../sources/decode.js'
import { key } from '../../tensor/random.js'
import { BadRequest } from '../failure.js'
import type { Io } from '../io.js'
import { openFileSource } from './source.js'

/** What `runBatches` reads from and reports to. */
export interface BatchPlan {
  readonly spec: Spec
  readonly dir: string
  readonly io: Io
  readonly shape: EventShape
  /** Where the run starts (a fresh record, or a resumed state's). */
  readonly start: TrainingRecord
  readonly resumed: boolean
  /** The broker's records, when the source is a broker. */
  readonly live: Observable<RawRecord> | null
  readonly onTally: (t: Tally) => void
  readonly onDeadLetter: (d: DeadLetter, r: RawRecord) => void
  /** The file size of the pass being read, for an ETA. */
  readonly onBytes: (bytes: number | undefined) => void
}

/** Ends a stdin source after N records or T ms without one. */
const stopping =
  (stop: { readonly events: number } | { readonly idleMs: number }) =>
  <T>(records: Observable<T>): Observable<T> =>
    'events' in stop ? records.pipe(take(stop.events)) : records.pipe(timeout({ each: stop.idleMs, with: () => EMPTY }))

/** Every batch of the run in order, each epoch its own source (so a short last batch is kept per epoch). */
export const runBatches = (plan: BatchPlan): Observable<Batch> => {
  const { spec, dir, io, shape, start } = plan
  const epochs = spec.data.epochs ?? 1
  const shuffled = spec.data.shuffle === true
  const source = spec.data.train
  let tally = start.tally
  const epoch = (e: number): Observable<Batch> =>
    defer(() => {
      const resuming = plan.resumed && e === start.epoch && start.batches > 0
      const counting = e === 0 && !(resuming && shuffled)
      const from = resuming && !shuffled && start.position?.end !== undefined ? { byte: start.position.end, line: start.position.line + 1 } : undefined
      if (epochs > 1 && source.type === 'stdin') throw new BadRequest(['data.epochs: stdin can be read once; use 1 epoch or a file'])
      const opened = plan.live === null ? openFileSource(source, dir, io, from) : { records: plan.live }
      plan.onBytes(opened.bytes)
      const records = source.type === 'stdin' && source.stop !== undefined ? opened.records.pipe(stopping(source.stop)) : opened.records
      const samples = records.pipe(
        decodeCounted(
          shape,
          counting
            ? {
                from: tally,
                onTally: (t) => {
                  tally = t
                  plan.onTally(t)
                },
                deadLetters: plan.onDeadLetter,
              }
            : {},
        ),
      )
      const batches = (shuffled ? samples.pipe(shuffleEpoch(key(start.seed), e)) : samples).pipe(minibatches(spec.data.batchSize, e))
      return resuming && shuffled ? batches.pipe(skip(start.batches)) : batches
    })
  return range(start.epoch, Math.max(0, epochs - start.epoch)).pipe(concatMap(epoch))
}
