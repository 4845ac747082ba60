/**
 * How a run trains: a stream of step reports, and the state right after the latest step. The
 * staged engine is the pipeline's `train` operator over forward, backward and update; a faster
 * engine may keep its state in place, so the session takes snapshots only between steps.
 */
import { type OperatorFunction, map, pipe, tap } from 'rxjs'
import type { FastMlp } from '../../fast/mlp.js'
import type { Net } from '../../graph/net.js'
import type { Optimizer, Slots } from '../../optim/optimizer.js'
import type { Batch, Stepped, TrainState } from '../../pipeline/records.js'
import { train } from '../../pipeline/train.js'
import type { Params } from '../../tensor/params.js'
import type { Tensor } from '../../tensor/tensor.js'

/** What the session learns of each step; every field is a value nothing changes later. */
export interface StepReport {
  readonly step: number
  readonly loss: number
  readonly applied: boolean
  readonly lines: readonly number[]
  readonly epoch: number
  readonly last?: Batch['last']
  /** The output for the batch before its update (prequential predictions), and the batch's targets. */
  readonly yhat: Tensor
  readonly y: Tensor
}

/** A way of training. */
export interface Engine {
  /** Which engine, for reports. */
  readonly name: string
  readonly steps: OperatorFunction<Batch, StepReport>
  /** Parameters and optimizer slots as of the latest step; call it between steps. */
  readonly snapshot: () => { readonly params: Params; readonly slots: Slots }
}

/** The staged pipeline: forward, backward and update as RxJS operators, every value immutable. */
export const stagedEngine = (net: Net, optimizer: Optimizer<unknown>, initial: TrainState): Engine => {
  let latest: TrainState = initial
  return {
    name: 'staged',
    steps: pipe(
      train(initial, { net, optimizer, frozen: new Set() }),
      tap((s: Stepped) => {
        latest = s
      }),
      map((s): StepReport => ({
        step: s.step,
        loss: s.loss,
        applied: s.applied,
        lines: s.lines,
        epoch: s.epoch,
        yhat: s.yhat,
        y: s.y,
        ...(s.last === undefined ? {} : { last: s.last }),
      })),
    ),
    snapshot: () => ({ params: latest.params, slots: optimizer.slots(latest.optState) }),
  }
}

/**
 * The fused WASM trainer for plain MLPs: parameters and optimizer slots stay in WASM memory and
 * change in place, so nothing it reports may point at them — each report carries copies (the
 * batch's output), and `snapshot` copies the state out between steps.
 */
export const fastEngine = (mlp: FastMlp, initial: { readonly step: number; readonly params: Params; readonly slots: Slots }): Engine => {
  mlp.load(initial.params, initial.slots)
  let step = initial.step
  return {
    name: `fast-${mlp.build}`,
    steps: map((b: Batch): StepReport => {
      const rows = b.x.shape[0]
      const loss = mlp.step(b.x.data, b.y.data, rows)
      const applied = mlp.applied()
      if (applied) step++
      const yhat = mlp.yhat()
      const width = yhat.length / Math.max(rows, 1)
      const report = { step, loss, applied, lines: b.lines, epoch: b.epoch, yhat: { shape: [rows, width], data: yhat.slice(0, rows * width) }, y: b.y }
      // Not a spread of `{ last }`: V8 11 builds that through a slow generic path, once per event online.
      return b.last === undefined ? report : Object.assign(report, { last: b.last })
    }),
    snapshot: () => ({ params: mlp.params(), slots: mlp.slots() }),
  }
}
