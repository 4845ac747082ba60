/**
 * How a run trains: a stream of step reports, and the state right after the latest step. The
 * staged engine is the pipeline's `train` operator over forward, backward and update; a faster
 * engine may keep its state in place, so the session takes snapshots only between steps.
 */
import { type OperatorFunction, map, pipe, tap } from 'rxjs'
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
  /** The output for the batch before its update (prequential predictions). */
  readonly yhat: Tensor
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
        ...(s.last === undefined ? {} : { last: s.last }),
      })),
    ),
    snapshot: () => ({ params: latest.params, slots: optimizer.slots(latest.optState) }),
  }
}
