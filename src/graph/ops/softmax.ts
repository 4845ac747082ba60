/** Row-wise softmax. */
import type { Op } from '../node.js'
import { matrix } from './check.js'

/**
 * p_ij = exp(x_ij − max_i) / Σ_k exp(x_ik − max_i), shifted by the row maximum so it never
 * overflows; the gradient is p ⊙ (dy − Σ_k dy_k p_k), read from the node.
 */
export const softmax: Op = {
  name: 'softmax',
  shape: ([x]) => matrix('softmax', x) && x,
  compute: ([x], out, [xs]) => {
    const [rows, cols] = [xs[0], xs[1]]
    for (let r = 0; r < rows; r++) {
      const o = r * cols
      let max = -Infinity
      for (let j = 0; j < cols; j++) if (x[o + j] > max) max = x[o + j]
      let sum = 0
      for (let j = 0; j < cols; j++) {
        const e = Math.exp(x[o + j] - max)
        out[o + j] = e
        sum += e
      }
      for (let j = 0; j < cols; j++) out[o + j] /= sum
    }
  },
  vjp: (g, node, dy) => [g.mul(node, g.sub(dy, g.broadcast(g.sumCols(g.mul(dy, node)), node)))],
}
