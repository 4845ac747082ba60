/** Hold-out evaluation: the mean loss (and accuracy where it means something) of parameters on labelled batches. */
import type { Net } from '../graph/net.js'
import type { Params } from '../tensor/params.js'
import type { Batch } from './records.js'
import { outputKind, scoreRows } from './scoring.js'

/** Metrics of a set of parameters over labelled examples. */
export interface Evaluation {
  readonly examples: number
  /** Mean data loss over examples (batches weighted by size). */
  readonly loss: number
  readonly accuracy: number | null
}

/** Evaluates params on every batch: loss weighted by batch size, accuracy over examples. */
export const evaluateBatches = (net: Net, params: Params, batches: readonly Batch[]): Evaluation => {
  const kind = outputKind(net)
  let examples = 0
  let lossSum = 0
  let right = 0
  let judged = 0
  for (const b of batches) {
    const { yhat, loss } = net.evaluate(b.x, b.y, params)
    const n = b.x.shape[0]
    examples += n
    lossSum += loss * n
    for (const s of scoreRows(kind, yhat, b.y)) {
      if (s.correct !== null) {
        judged++
        if (s.correct) right++
      }
    }
  }
  return { examples, loss: examples === 0 ? Number.NaN : lossSum / examples, accuracy: judged === 0 ? null : right / judged }
}
