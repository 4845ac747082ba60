/**
 * One training run as the `train` command does it: the spec's source, decoded with accounting,
 * shuffled and batched per epoch, through the training loop, with metrics, dead letters,
 * hold-out evaluation, checkpoints and progress on the side.
 *
 *   epochs ─▶ records ─decodeCounted─▶ samples ─(shuffle)─▶ minibatches ─train─▶ steps ─▶ sinks
 */
import { resolve } from 'node:path'
import { EMPTY, NEVER, type Observable, concatMap, defer, lastValueFrom, range, skip, take, takeUntil, takeWhile, tap, timeout } from 'rxjs'
import type { TrainingRecord } from '../../checkpoint/training.js'
import type { Optimizer } from '../../optim/optimizer.js'
import { minibatches } from '../../pipeline/batching.js'
import type { Evaluation } from '../../pipeline/evaluate.js'
import type { Batch, Stepped } from '../../pipeline/records.js'
import { shuffleEpoch } from '../../pipeline/shuffle.js'
import { train } from '../../pipeline/train.js'
import { type ValidationRecord, validate } from '../../pipeline/validation.js'
import { netOf, optimizerOf } from '../../spec/build.js'
import { brokerTypes } from '../../spec/source.js'
import { eventShape } from '../../spec/widths.js'
import { type Tally, decodeCounted, emptyTally } from '../../sources/decode.js'
import type { Params } from '../../tensor/params.js'
import { key } from '../../tensor/random.js'
import { readParams, readTrainingState, shapesOf, writeParams, writeTrainingState } from '../checkpoints.js'
import { BadRequest } from '../failure.js'
import { type LineWriter, lineWriter } from '../files.js'
import type { Io } from '../io.js'
import type { LoadedSpec } from '../loadSpec.js'
import { progress } from './progress.js'
import { openFileSource } from './source.js'
import type { LiveSource } from './live.js'
import { readTestSet } from './testSet.js'

/** What the `train` command was asked to do. */
export interface TrainRequest {
  readonly loaded: LoadedSpec
  readonly init?: string
  readonly out?: string
  readonly state?: string
  readonly resume?: string
  readonly checkpointEvery?: number
  readonly metrics?: string
  readonly deadLetter?: string
  /** Evaluate on the test source every N steps (besides each epoch's end). */
  readonly evalEvery?: number
  /** Stop once the step count reaches this (a resumable state is written as usual). */
  readonly maxSteps?: number
  readonly quiet?: boolean
}

/** How a run went: the counts of the first pass, steps, time, and the final evaluation. */
export interface TrainSummary extends Tally {
  readonly steps: number
  readonly epochs: number
  readonly refused: number
  readonly seconds: number
  readonly eventsPerSecond: number
  readonly finalLoss: number | null
  readonly test: (Evaluation & { readonly deadLettered: number }) | null
}

/** Points for the curves: training loss per step, prequential accuracy, and evaluations. */
export interface Curves {
  readonly steps: number[]
  readonly losses: number[]
  readonly evaluations: ValidationRecord[]
}

/** The outcome of a run. */
export interface TrainOutcome {
  readonly summary: TrainSummary
  readonly params: Params
  readonly curves: Curves
}

/** Where the last record of a step's batch sits in its source. */
const positionOf = (s: Stepped): { readonly line: number; readonly id?: string } => ({
  line: s.last?.line ?? 0,
  ...(typeof s.last?.id === 'string' ? { id: s.last.id } : {}),
})

/** Ends a stdin source after N records or T ms without one. */
const stopping =
  (stop: { readonly events: number } | { readonly idleMs: number }) =>
  <T>(records: Observable<T>): Observable<T> =>
    'events' in stop ? records.pipe(take(stop.events)) : records.pipe(timeout({ each: stop.idleMs, with: () => EMPTY }))

const freshRecord = (seed: number): TrainingRecord => ({ step: 0, epoch: 0, batches: 0, position: null, tally: emptyTally, seed, refused: 0 })

/** Runs the training a request describes and writes its outputs. */
export const runTraining = async (req: TrainRequest, io: Io): Promise<TrainOutcome> => {
  const { spec, dir } = req.loaded
  const at = (p: string) => resolve(io.cwd, p)
  const seed = spec.seed ?? 0
  const epochs = spec.data.epochs ?? 1
  const shuffled = spec.data.shuffle === true
  const net = netOf(spec)
  const shape = eventShape(spec)
  const optimizer: Optimizer<unknown> = optimizerOf(spec.optimizer)
  const expected = shapesOf(net.init(key(seed)))
  if (req.init !== undefined && req.resume !== undefined) throw new BadRequest(['train: --init and --resume cannot be used together'])

  const resumed = req.resume === undefined ? null : readTrainingState(at(req.resume), expected)
  const params0 = resumed?.params ?? (req.init === undefined ? net.init(key(seed)) : readParams(at(req.init), expected))
  const optState0 = resumed === null ? optimizer.init(params0) : optimizer.restore(resumed.slots, params0)
  const start = resumed?.record ?? freshRecord(seed)
  if (resumed !== null && start.seed !== seed) throw new BadRequest([`train: the state was written with seed ${start.seed}, the spec says ${seed}`])

  const trainSource = spec.data.train
  // The broker clients load only for broker sources: they cost start-up time every other run would pay.
  const brokers = trainSource.type === 'nats' || trainSource.type === 'redis' ? await import('./live.js') : null
  const live: LiveSource | null =
    brokers !== null && (trainSource.type === 'nats' || trainSource.type === 'redis')
      ? await brokers.openLive(trainSource, start.position === null ? null : { line: start.position.line, ...(start.position.id === undefined ? {} : { id: start.position.id }) })
      : null
  const test = spec.data.test === undefined ? null : await readTestSet(spec.data.test, dir, io, shape)
  const metrics: LineWriter | null = req.metrics === undefined ? null : lineWriter(at(req.metrics))
  const dead: LineWriter | null = req.deadLetter === undefined ? null : lineWriter(at(req.deadLetter))
  const show = progress(io.stderr, io.now, { quiet: req.quiet === true })
  const started = io.now()

  let tally: Tally = start.tally
  let bytes: number | undefined
  const epochBatches = (e: number): Observable<Batch> =>
    defer(() => {
      const resuming = resumed !== null && e === start.epoch && start.batches > 0
      const counting = e === 0 && !(resuming && shuffled)
      const from = resuming && !shuffled && start.position?.end !== undefined ? { byte: start.position.end, line: start.position.line + 1 } : undefined
      if (epochs > 1 && trainSource.type === 'stdin') throw new BadRequest(['data.epochs: stdin can be read once; use 1 epoch or a file'])
      const opened = live === null ? openFileSource(trainSource, dir, io, from) : { records: live.records }
      bytes = opened.bytes
      const records = trainSource.type === 'stdin' && trainSource.stop !== undefined ? opened.records.pipe(stopping(trainSource.stop)) : opened.records
      const samples = records.pipe(
        decodeCounted(
          shape,
          counting
            ? {
                from: tally,
                onTally: (t) => (tally = t),
                deadLetters: (d, r) => {
                  dead?.write(brokers === null ? d : brokers.brokerDeadLetter(d, r))
                  live?.deadLetter(d, r)
                },
              }
            : {},
        ),
      )
      const batches = (shuffled ? samples.pipe(shuffleEpoch(key(seed), e)) : samples).pipe(minibatches(spec.data.batchSize, e))
      return resuming && shuffled ? batches.pipe(skip(start.batches)) : batches
    })

  let last: Stepped | null = null
  let batchesInEpoch = start.batches
  let epochOfLast = start.epoch
  let refused = start.refused
  let smoothed = Number.NaN
  let processed = 0
  const curves: Curves = { steps: [], losses: [], evaluations: [] }
  const recordAfter = (s: Stepped): TrainingRecord => ({
    step: s.step,
    epoch: s.epoch,
    batches: batchesInEpoch,
    position:
      s.last === undefined
        ? null
        : { line: s.last.line, ...(typeof s.last.end === 'number' ? { end: s.last.end } : {}), ...(typeof s.last.id === 'string' ? { id: s.last.id } : {}) },
    // In the first unshuffled pass the counts go only as far as this batch's last line.
    tally: s.epoch === 0 && !shuffled && s.last?.tally !== undefined ? (s.last.tally as Tally) : tally,
    seed,
    refused,
  })
  const saveState = (path: string, s: Stepped | null): void => {
    const record = s === null ? start : recordAfter(s)
    const params = s === null ? params0 : s.params
    const optState = s === null ? optState0 : s.optState
    writeTrainingState(path, { params, slots: optimizer.slots(optState), record })
  }

  const steps =
    epochs === 0
      ? EMPTY
      : range(start.epoch, Math.max(0, epochs - start.epoch)).pipe(
          concatMap(epochBatches),
          train({ step: start.step, params: params0, optState: optState0 }, { net, optimizer, frozen: new Set() }),
          takeWhile((s) => req.maxSteps === undefined || s.step < req.maxSteps, true),
          // SIGINT/SIGTERM: the step in progress finishes (steps are synchronous), then the run ends as usual.
          takeUntil(io.interrupt ?? NEVER),
          tap((s) => {
            if (s.epoch !== epochOfLast) [epochOfLast, batchesInEpoch] = [s.epoch, 0]
            batchesInEpoch++
            processed += s.lines.length
            last = s
            live?.step(s)
            if (!s.applied) {
              refused++
              metrics?.write({ refused: { afterStep: s.step, lines: s.lines, loss: Number.isFinite(s.loss) ? s.loss : null } })
              return
            }
            metrics?.write({ step: s.step, loss: s.loss })
            curves.steps.push(s.step)
            curves.losses.push(s.loss)
            smoothed = Number.isNaN(smoothed) ? s.loss : 0.98 * smoothed + 0.02 * s.loss
            const end = typeof s.last?.end === 'number' ? s.last.end : undefined
            const within = bytes !== undefined && end !== undefined && bytes > 0 ? end / bytes : undefined
            show.update({
              epoch: s.epoch,
              epochs,
              events: tally.events,
              step: s.step,
              loss: smoothed,
              ...(within === undefined ? {} : { done: (s.epoch + within) / Math.max(epochs, 1) }),
            })
            if (req.state !== undefined && req.checkpointEvery !== undefined && s.step % req.checkpointEvery === 0) {
              // Dead letters and metrics written so far become durable with the state they belong to.
              dead?.flush(true)
              metrics?.flush(true)
              saveState(at(req.state), s)
              live?.covered(positionOf(s))
            }
          }),
          test === null
            ? tap(() => {})
            : validate(net, test.batches, { next: (r) => { curves.evaluations.push(r); metrics?.write({ evaluation: { step: r.step, epoch: r.epoch, at: r.at, loss: r.loss, accuracy: r.accuracy } }) } }, req.evalEvery === undefined ? {} : { every: req.evalEvery }),
        )
  await lastValueFrom(steps, { defaultValue: null })
  show.finish()

  const final = last as Stepped | null
  const params = final?.params ?? params0
  const seconds = (io.now() - started) / 1000
  const lastEval = curves.evaluations[curves.evaluations.length - 1]
  const summary: TrainSummary = {
    ...tally,
    steps: final?.step ?? start.step,
    epochs,
    refused,
    seconds,
    eventsPerSecond: seconds > 0 ? processed / seconds : 0,
    finalLoss: final === null ? null : final.loss,
    test: test === null || lastEval === undefined ? null : { examples: lastEval.examples, loss: lastEval.loss, accuracy: lastEval.accuracy, deadLettered: test.tally.deadLettered },
  }
  metrics?.write({ summary })
  metrics?.close()
  dead?.close()
  if (req.out !== undefined) writeParams(at(req.out), params)
  if (req.state !== undefined) saveState(at(req.state), final)
  // Without --state nothing durable covers the records but the finished run itself, so they are settled at its end.
  if (live !== null) {
    if (final !== null) live.covered(positionOf(final))
    await live.finish(summary)
  }
  return { summary, params, curves }
}
