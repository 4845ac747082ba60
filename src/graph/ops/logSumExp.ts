/** Row-wise log-sum-exp, the stable core of softmax, log-softmax and mixture likelihoods. */
import type { Floats } from '../../tensor/tensor.js'
import type { Op } from '../node.js'
import { matrix } from './check.js'

/** ln Σ_j exp(x[o + j]) for j < cols, through the row maximum so it neither overflows nor underflows. */
export const rowLogSumExp = (x: Floats, o: number, cols: number): number => {
  let max = -Infinity
  for (let j = 0; j < cols; j++) if (x[o + j] > max) max = x[o + j]
  if (max === -Infinity || max === Infinity) return max
  let sum = 0
  for (let j = 0; j < cols; j++) sum += Math.exp(x[o + j] - max)
  return max + Math.log(sum)
}

/** [batch, n] → [batch, 1]: ln Σ_j exp x_j per row; the gradient is softmax(x)·dy. */
export const logSumExp: Op = {
  name: 'logSumExp',
  shape: ([x]) => [matrix('logSumExp', x)[0], 1],
  compute: ([x], out, [xs]) => {
    for (let r = 0; r < xs[0]; r++) out[r] = rowLogSumExp(x, r * xs[1], xs[1])
  },
  vjp: (g, { inputs: [x] }, dy) => [g.mul(g.broadcast(dy, x), g.softmax(x))],
}
