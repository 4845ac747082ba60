/**
 * Per-example scores of outputs against targets, for metrics: whether the prediction is right,
 * its log-loss, and its squared error. What "right" means follows the output unit.
 */
import type { Net } from '../graph/net.js'
import type { Tensor } from '../tensor/tensor.js'

/** How outputs are read: class probabilities (softmax), independent probabilities (sigmoid), or values. */
export type OutputKind = 'softmax' | 'sigmoid' | 'values'

/** The output kind of a compiled net, from its last op. */
export const outputKind = (net: Net): OutputKind =>
  net.yhat.op?.name === 'softmax' ? 'softmax' : net.yhat.op?.name === 'sigmoid' ? 'sigmoid' : 'values'

/** One example's scores; null where the kind has no such score. */
export interface ExampleScore {
  readonly correct: boolean | null
  readonly logLoss: number | null
  readonly squaredError: number | null
}

const tiny = 1e-15

/** Index of the first largest entry of row r. */
const argmax = (t: Tensor, r: number, cols: number): number => {
  let best = 0
  for (let j = 1; j < cols; j++) if (t.data[r * cols + j] > t.data[r * cols + best]) best = j
  return best
}

/** Scores of every row of yhat against y. */
export const scoreRows = (kind: OutputKind, yhat: Tensor, y: Tensor): ExampleScore[] => {
  const rows = yhat.shape[0]
  const cols = yhat.shape[1]
  const targets = y.shape[1]
  const comparable = cols === targets
  return Array.from({ length: rows }, (_, r) => {
    let se = 0
    if (comparable) for (let j = 0; j < cols; j++) se += (y.data[r * cols + j] - yhat.data[r * cols + j]) ** 2
    const squaredError = comparable ? se : null
    if (kind === 'softmax') {
      let ll = 0
      for (let j = 0; j < cols; j++) {
        const t = y.data[r * cols + j]
        if (t !== 0) ll -= t * Math.log(Math.max(yhat.data[r * cols + j], tiny))
      }
      return { correct: argmax(yhat, r, cols) === argmax(y, r, cols), logLoss: ll, squaredError }
    }
    if (kind === 'sigmoid') {
      let ll = 0
      let right = true
      for (let j = 0; j < cols; j++) {
        const p = Math.min(Math.max(yhat.data[r * cols + j], tiny), 1 - tiny)
        const t = y.data[r * cols + j]
        ll -= t * Math.log(p) + (1 - t) * Math.log(1 - p)
        right &&= p > 0.5 === t > 0.5
      }
      return { correct: right, logLoss: ll, squaredError }
    }
    return { correct: null, logLoss: null, squaredError }
  })
}
