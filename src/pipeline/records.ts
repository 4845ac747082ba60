/**
 * The records that flow through a training pipeline. Each stage adds fields to the record it
 * receives and emits a new one; no record is changed after it has been emitted.
 *
 *   Batch ─▶ Minibatch ─forward─▶ Forwarded ─backward─▶ Backwarded ─update─▶ Stepped
 *              ▲ (TrainState of the previous step)                              │
 *              └────────────────────────────────────────────────────────────────┘
 */
import type { Params } from '../tensor/params.js'
import type { Tensor } from '../tensor/tensor.js'

/** What the loop threads from one step to the next. */
export interface TrainState<S = unknown> {
  /** Optimizer steps applied so far (over the whole run, across epochs). */
  readonly step: number
  readonly params: Params
  readonly optState: S
}

/** Samples stacked in stream order: x [size, inputs], y [size, targets], and where each came from. */
export interface Batch {
  readonly x: Tensor
  readonly y: Tensor
  /** The position (line or broker sequence) of each example. */
  readonly lines: readonly number[]
  /** Which pass over a finite source this batch belongs to (0-based). */
  readonly epoch: number
  /**
   * What the source said about the batch's last example besides its value (its line, byte end,
   * tally…): where a checkpoint taken after this batch resumes.
   */
  readonly last?: { readonly line: number; readonly [field: string]: unknown }
}

/** A batch meeting the state the previous step left behind. */
export interface Minibatch<S = unknown> extends TrainState<S>, Batch {}

/** After the forward plan: the output, the batch's mean data loss, and the tape backward reads. */
export interface Forwarded<S = unknown> extends Minibatch<S> {
  readonly yhat: Tensor
  readonly loss: number
  readonly tape: readonly Tensor[]
}

/** After the backward plan: the gradient of the objective for each parameter. */
export interface Backwarded<S = unknown> extends Forwarded<S> {
  readonly grads: Params
}

/** After the update: the next state, and what this step saw (scored before it was trained on). */
export interface Stepped<S = unknown> extends TrainState<S> {
  readonly loss: number
  readonly yhat: Tensor
  readonly y: Tensor
  readonly lines: readonly number[]
  readonly epoch: number
  /** False when the non-finite guard refused the step: params and optState are the previous ones. */
  readonly applied: boolean
  /** The batch's `last` (where a checkpoint after this step resumes). */
  readonly last?: Batch['last']
}
