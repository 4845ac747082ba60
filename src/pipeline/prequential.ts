/**
 * Prequential (test-then-train) evaluation for online learning: every batch is scored with the
 * parameters from before it was trained on (the forward pass of its own step), and the scores
 * are kept over a rolling window of the most recent examples.
 */
import { type Observable, type OperatorFunction, defer, map } from 'rxjs'
import type { Stepped } from './records.js'
import { type OutputKind, scoreRows } from './scoring.js'

/** Rolling scores after one step; a score is null when the output kind has none. */
export interface PrequentialRecord {
  readonly step: number
  /** Examples in the window (at most its size). */
  readonly examples: number
  readonly accuracy: number | null
  readonly logLoss: number | null
  readonly mse: number | null
  /** This batch's mean data loss (before its update). */
  readonly loss: number
}

/** A fixed-size window of numbers with a running sum. */
const rolling = (size: number) => {
  const values = new Float64Array(size)
  let count = 0
  let next = 0
  let sum = 0
  return {
    push: (v: number) => {
      if (count === size) sum -= values[next]
      else count++
      values[next] = v
      sum += v
      next = (next + 1) % size
    },
    mean: () => (count === 0 ? null : sum / count),
    count: () => count,
  }
}

/** Scores each step's batch (seen before its update) and reports window averages. */
export const prequential =
  (kind: OutputKind, { window = 1000 }: { readonly window?: number } = {}): OperatorFunction<Stepped, PrequentialRecord> =>
  (steps: Observable<Stepped>) =>
    defer(() => {
      const correct = rolling(window)
      const logLoss = rolling(window)
      const squared = rolling(window)
      return steps.pipe(
        map((s) => {
          for (const e of scoreRows(kind, s.yhat, s.y)) {
            if (e.correct !== null) correct.push(e.correct ? 1 : 0)
            if (e.logLoss !== null) logLoss.push(e.logLoss)
            if (e.squaredError !== null) squared.push(e.squaredError)
          }
          const examples = Math.max(correct.count(), logLoss.count(), squared.count())
          return { step: s.step, examples, accuracy: correct.mean(), logLoss: logLoss.mean(), mse: squared.mean(), loss: s.loss }
        }),
      )
    })
