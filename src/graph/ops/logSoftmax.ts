/** Row-wise log-softmax through log-sum-exp. */
import type { Op } from '../node.js'
import { matrix } from './check.js'
import { rowLogSumExp } from './logSumExp.js'

/** x_ij − ln Σ_k exp x_ik, finite for any finite logits; the gradient is dy − softmax(x)·Σ_k dy_k. */
export const logSoftmax: Op = {
  name: 'logSoftmax',
  shape: ([x]) => matrix('logSoftmax', x) && x,
  compute: ([x], out, [xs]) => {
    const cols = xs[1]
    for (let r = 0; r < xs[0]; r++) {
      const o = r * cols
      const lse = rowLogSumExp(x, o, cols)
      for (let j = 0; j < cols; j++) out[o + j] = x[o + j] - lse
    }
  },
  vjp: (g, { inputs: [x] }, dy) => [g.sub(dy, g.mul(g.softmax(x), g.broadcast(g.sumCols(dy), x)))],
}
