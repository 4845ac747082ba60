/**
 * Validation while training: hold-out evaluation every N steps and at the end of each epoch, and
 * early stopping with patience that remembers the best parameters (the lecture picks models by
 * their validation error).
 */
import { EMPTY, type Observer, type OperatorFunction, concat, defer, map, takeWhile } from 'rxjs'
import type { Net } from '../graph/net.js'
import type { Params } from '../tensor/params.js'
import { type Evaluation, evaluateBatches } from './evaluate.js'
import type { Batch, Stepped } from './records.js'

/** One hold-out evaluation. */
export interface ValidationRecord extends Evaluation {
  readonly step: number
  readonly epoch: number
  /** Why it ran: the step count reached a multiple of `every`, or an epoch ended. */
  readonly at: 'every' | 'epochEnd'
  /** Whether this is the best loss so far. */
  readonly improved: boolean
  readonly bestStep: number
  readonly bestLoss: number
  /** The parameters that gave the best loss so far. */
  readonly bestParams: Params
  /** Set on the evaluation after which patience ran out. */
  readonly stop: boolean
}

/** Options of `validate`. */
export interface ValidateOptions {
  /** Evaluate every N optimizer steps (0 or absent: only at epoch ends). */
  readonly every?: number
  /** Stop after this many evaluations without a better loss (absent: never stop). */
  readonly patience?: number
}

/**
 * Passes steps through, reporting evaluations on `test` to `sink`; with `patience`, completes the
 * stream after the evaluation that exhausts it (the best parameters are in that record).
 */
export const validate =
  (net: Net, test: readonly Batch[], sink: Pick<Observer<ValidationRecord>, 'next'>, { every = 0, patience }: ValidateOptions = {}): OperatorFunction<Stepped, Stepped> =>
  (steps) =>
    defer(() => {
      let best: { step: number; loss: number; params: Params } | null = null
      let stale = 0
      let last: Stepped | null = null
      let stopped = false
      const evaluateAt = (s: Stepped, at: ValidationRecord['at']): boolean => {
        const e = evaluateBatches(net, s.params, test)
        const improved = best === null || e.loss < best.loss
        if (improved) {
          best = { step: s.step, loss: e.loss, params: s.params }
          stale = 0
        } else stale++
        const b = best as { step: number; loss: number; params: Params }
        const stop = patience !== undefined && stale >= patience
        sink.next({ ...e, step: s.step, epoch: s.epoch, at, improved, bestStep: b.step, bestLoss: b.loss, bestParams: b.params, stop })
        return stop
      }
      return concat(
        steps.pipe(
          map((s) => {
            // An epoch has ended when a step of the next one arrives; the last epoch ends at completion.
            const endStop = last !== null && last.epoch !== s.epoch ? evaluateAt(last, 'epochEnd') : false
            last = s
            stopped = endStop || (every > 0 && s.applied && s.step % every === 0 && evaluateAt(s, 'every'))
            return s
          }),
          takeWhile(() => !stopped, true),
        ),
        defer(() => {
          if (last !== null && !stopped) evaluateAt(last, 'epochEnd')
          return EMPTY
        }),
      )
    })
