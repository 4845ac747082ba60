/**
 * One training run as the `train` command does it: the spec's batches through an engine, with
 * metrics, dead letters, hold-out evaluation, checkpoints and progress on the side.
 *
 *   epochs ─▶ records ─decodeCounted─▶ samples ─(shuffle)─▶ minibatches ─engine─▶ steps ─▶ sinks
 */
import { resolve } from 'node:path'
import { EMPTY, NEVER, lastValueFrom, takeUntil, takeWhile, tap } from 'rxjs'
import type { TrainingRecord } from '../../checkpoint/training.js'
import { type Evaluation, evaluateBatches } from '../../pipeline/evaluate.js'
import { outputKind } from '../../pipeline/scoring.js'
import { netOf, optimizerOf } from '../../spec/build.js'
import { eventShape } from '../../spec/widths.js'
import { type Tally, emptyTally } from '../../sources/decode.js'
import type { Params } from '../../tensor/params.js'
import { key } from '../../tensor/random.js'
import { readParams, readTrainingState, shapesOf, writeParams, writeTrainingState } from '../checkpoints.js'
import { BadRequest } from '../failure.js'
import { type LineWriter, lineWriter } from '../files.js'
import type { Io } from '../io.js'
import type { LoadedSpec } from '../loadSpec.js'
import { runBatches } from './batches.js'
import { type Curves, type EvaluationPoint, curveRecorder } from './curves.js'
import { type Engine, type StepReport, fastEngine, stagedEngine } from './engine.js'
import { fastMlpOfSpec } from '../../fast/spec.js'
import type { Net } from '../../graph/net.js'
import type { Optimizer } from '../../optim/optimizer.js'
import type { TrainState } from '../../pipeline/records.js'
import type { Spec } from '../../spec/spec.js'
import type { LiveSource } from './live.js'
import { progress } from './progress.js'
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
  /** Early stopping: stop after this many evaluations without a lower test loss; --out gets the best parameters. */
  readonly patience?: number
  /** A step with a non-finite loss or gradient is skipped (default) or stops the run (exit 1). */
  readonly nonFinite?: 'skip' | 'stop'
  /** `fast`: the fused WASM trainer (plain MLPs only); `staged`: the RxJS stages; `auto` (default): fast where it applies. */
  readonly engine?: 'auto' | 'fast' | 'staged'
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
  /** With early stopping: the step whose parameters had the lowest test loss (the ones --out holds). */
  readonly bestStep?: number
  /** Which engine trained (`staged`, `fast-relaxed`, `fast-simd`). */
  readonly engine: string
  /** Why the run ended before its data did, if it did. */
  readonly stopped?: 'patience' | 'maxSteps' | 'interrupted' | 'nonFinite'
}

export type { Curves, EvaluationPoint } from './curves.js'

/** The outcome of a run. */
export interface TrainOutcome {
  readonly summary: TrainSummary
  readonly params: Params
  readonly curves: Curves
}

const freshRecord = (seed: number): TrainingRecord => ({ step: 0, epoch: 0, batches: 0, position: null, tally: emptyTally, seed, refused: 0 })

/** Where the last record of a step's batch sits in its source. */
const positionOf = (s: StepReport): { readonly line: number; readonly end?: number; readonly id?: string } | null =>
  s.last === undefined
    ? null
    : {
        line: s.last.line,
        ...(typeof s.last.end === 'number' ? { end: s.last.end } : {}),
        ...(typeof s.last.id === 'string' ? { id: s.last.id } : {}),
      }

/** The fused trainer where the spec is a plain MLP (unless the staged one is asked for), else the staged pipeline. */
const chooseEngine = (choice: 'auto' | 'fast' | 'staged', spec: Spec, net: Net, optimizer: Optimizer<unknown>, initial: TrainState): Engine => {
  if (choice === 'staged') return stagedEngine(net, optimizer, initial)
  const fast = fastMlpOfSpec(spec)
  if (fast.ok) return fastEngine(fast.mlp, { step: initial.step, params: initial.params, slots: optimizer.slots(initial.optState) })
  if (choice === 'fast') throw new BadRequest([`train: --engine fast cannot train this spec: ${fast.reason}`])
  return stagedEngine(net, optimizer, initial)
}

/** Runs the training a request describes and writes its outputs. */
export const runTraining = async (req: TrainRequest, io: Io): Promise<TrainOutcome> => {
  const { spec, dir } = req.loaded
  const at = (p: string) => resolve(io.cwd, p)
  const seed = spec.seed ?? 0
  const epochs = spec.data.epochs ?? 1
  const shuffled = spec.data.shuffle === true
  const net = netOf(spec)
  const shape = eventShape(spec)
  const optimizer = optimizerOf(spec.optimizer)
  const expected = shapesOf(net.init(key(seed)))
  if (req.init !== undefined && req.resume !== undefined) throw new BadRequest(['train: --init and --resume cannot be used together'])

  const resumed = req.resume === undefined ? null : readTrainingState(at(req.resume), expected)
  const params0 = resumed?.params ?? (req.init === undefined ? net.init(key(seed)) : readParams(at(req.init), expected))
  const optState0 = resumed === null ? optimizer.init(params0) : optimizer.restore(resumed.slots, params0)
  const start = resumed?.record ?? freshRecord(seed)
  if (resumed !== null && start.seed !== seed) throw new BadRequest([`train: the state was written with seed ${start.seed}, the spec says ${seed}`])

  const source = spec.data.train
  // The broker clients load only for broker sources: they cost start-up time every other run would pay.
  const brokers = source.type === 'nats' || source.type === 'redis' ? await import('./live.js') : null
  const live: LiveSource | null =
    brokers !== null && (source.type === 'nats' || source.type === 'redis')
      ? await brokers.openLive(source, start.position === null ? null : { line: start.position.line, ...(start.position.id === undefined ? {} : { id: start.position.id }) })
      : null
  const test = spec.data.test === undefined ? null : await readTestSet(spec.data.test, dir, io, shape)
  const metrics: LineWriter | null = req.metrics === undefined ? null : lineWriter(at(req.metrics))
  const dead: LineWriter | null = req.deadLetter === undefined ? null : lineWriter(at(req.deadLetter))
  const show = progress(io.stderr, io.now, { quiet: req.quiet === true })
  const engine = chooseEngine(req.engine ?? 'auto', spec, net, optimizer, { step: start.step, params: params0, optState: optState0 })
  const started = io.now()

  let tally: Tally = start.tally
  let bytes: number | undefined
  let last: StepReport | null = null
  let batchesInEpoch = start.batches
  let epochOfLast = start.epoch
  let refused = start.refused
  let processed = 0
  const recorder = curveRecorder(outputKind(net))
  const curves = recorder.curves

  const recordAfter = (s: StepReport): TrainingRecord => ({
    step: s.step,
    epoch: s.epoch,
    batches: batchesInEpoch,
    position: positionOf(s),
    // In the first unshuffled pass the counts go only as far as this batch's last line.
    tally: s.epoch === 0 && !shuffled && s.last?.tally !== undefined ? (s.last.tally as Tally) : tally,
    seed,
    refused,
  })
  const saveState = (path: string): void => {
    const { params, slots } = last === null ? { params: params0, slots: optimizer.slots(optState0) } : engine.snapshot()
    writeTrainingState(path, { params, slots, record: last === null ? start : recordAfter(last) })
  }
  let best: { readonly step: number; readonly loss: number; readonly params: Params } | null = null
  let stale = 0
  let stopped: TrainSummary['stopped']
  const evaluate = (s: StepReport, why: EvaluationPoint['at']): void => {
    if (test === null) return
    const params = engine.snapshot().params
    const e = evaluateBatches(net, params, test.batches)
    curves.evaluations.push({ ...e, step: s.step, epoch: s.epoch, at: why })
    metrics?.write({ evaluation: { step: s.step, epoch: s.epoch, at: why, loss: e.loss, accuracy: e.accuracy } })
    if (best === null || e.loss < best.loss) [best, stale] = [{ step: s.step, loss: e.loss, params }, 0]
    else if (++stale >= (req.patience ?? Infinity)) stopped = 'patience'
  }
  const afterStep = (s: StepReport): void => {
    if (s.epoch !== epochOfLast) [epochOfLast, batchesInEpoch] = [s.epoch, 0]
    batchesInEpoch++
    processed += s.lines.length
    last = s
    live?.step(s)
    if (!s.applied) {
      refused++
      metrics?.write({ refused: { afterStep: s.step, lines: s.lines, loss: Number.isFinite(s.loss) ? s.loss : null } })
      if (req.nonFinite === 'stop') stopped = 'nonFinite'
      return
    }
    // Applied steps have a finite loss, whose JSON text is its shortest decimal, as String gives it.
    metrics?.writeLine(`{"step":${s.step},"loss":${s.loss}}`)
    recorder.step(s)
    if (show.due()) {
      const end = typeof s.last?.end === 'number' ? s.last.end : undefined
      const within = bytes !== undefined && end !== undefined && bytes > 0 ? end / bytes : undefined
      show.update({ epoch: s.epoch, epochs, events: tally.events, step: s.step, loss: recorder.smoothed(), ...(within === undefined ? {} : { done: (s.epoch + within) / Math.max(epochs, 1) }) })
    }
    if (req.evalEvery !== undefined && s.step % req.evalEvery === 0) evaluate(s, 'every')
    if (req.state !== undefined && req.checkpointEvery !== undefined && s.step % req.checkpointEvery === 0) {
      // Dead letters and metrics written so far become durable with the state they belong to.
      dead?.flush(true)
      metrics?.flush(true)
      saveState(at(req.state))
      const position = positionOf(s)
      if (position !== null) live?.covered(position)
    }
  }

  const batches = runBatches({
    spec,
    dir,
    io,
    shape,
    start,
    resumed: resumed !== null,
    live: live?.records ?? null,
    onTally: (t) => (tally = t),
    onDeadLetter: (d, r) => {
      dead?.write(brokers === null ? d : brokers.brokerDeadLetter(d, r))
      live?.deadLetter(d, r)
    },
    onBytes: (b) => (bytes = b),
  })
  const steps =
    epochs === 0
      ? EMPTY
      : batches.pipe(
          // An epoch has ended when the next one's first batch arrives; evaluate before it trains.
          tap((b) => last !== null && b.epoch !== last.epoch && evaluate(last, 'epochEnd')),
          takeWhile(() => stopped === undefined),
          engine.steps,
          // SIGINT/SIGTERM: the step in progress finishes (steps are synchronous), then the run ends as usual.
          takeUntil((io.interrupt ?? NEVER).pipe(tap(() => (stopped = 'interrupted')))),
          tap(afterStep),
          takeWhile((s) => {
            if (req.maxSteps !== undefined && s.step >= req.maxSteps) stopped ??= 'maxSteps'
            return stopped === undefined
          }),
        )
  await lastValueFrom(steps, { defaultValue: null })
  show.finish()

  const final = last as StepReport | null
  if (final !== null && stopped !== 'patience') evaluate(final, 'epochEnd')
  const kept = best as { readonly step: number; readonly params: Params } | null
  const params = final === null ? params0 : req.patience !== undefined && kept !== null ? kept.params : engine.snapshot().params
  const seconds = (io.now() - started) / 1000
  const lastEval = curves.evaluations[curves.evaluations.length - 1]
  const summary: TrainSummary = {
    ...tally,
    engine: engine.name,
    steps: final?.step ?? start.step,
    epochs,
    refused,
    seconds,
    eventsPerSecond: seconds > 0 ? processed / seconds : 0,
    finalLoss: final === null ? null : final.loss,
    test: test === null || lastEval === undefined ? null : { examples: lastEval.examples, loss: lastEval.loss, accuracy: lastEval.accuracy, deadLettered: test.tally.deadLettered },
    ...(req.patience !== undefined && kept !== null ? { bestStep: kept.step } : {}),
    ...(stopped === undefined ? {} : { stopped }),
  }
  metrics?.write({ summary })
  metrics?.close()
  dead?.close()
  if (req.out !== undefined) writeParams(at(req.out), params)
  if (req.state !== undefined) saveState(at(req.state))
  // Without --state nothing durable covers the records but the finished run itself, so they are settled at its end.
  if (live !== null) {
    const position = final === null ? null : positionOf(final)
    if (position !== null) live.covered(position)
    await live.finish(summary)
  }
  return { summary, params, curves }
}
