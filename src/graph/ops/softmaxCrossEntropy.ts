/** Softmax and cross-entropy fused through log-sum-exp. */
import type { Op } from '../node.js'
import { sameShapes } from './check.js'
import { rowLogSumExp } from './logSumExp.js'

/**
 * Per example −Σ_c y_c · log softmax(z)_c = Σ_c y_c · (lse(z) − z_c): [batch, C] twice → [batch, 1].
 * Finite for logits of any size; the z-gradient is softmax(z)·Σ_c y_c − y (p − y for a
 * distribution y), the y-gradient −log softmax(z).
 */
export const softmaxCrossEntropy: Op = {
  name: 'softmaxCrossEntropy',
  shape: (s) => [sameShapes('softmaxCrossEntropy', s)[0], 1],
  compute: ([z, y], out, [zs]) => {
    const cols = zs[1]
    for (let r = 0; r < zs[0]; r++) {
      const o = r * cols
      const lse = rowLogSumExp(z, o, cols)
      let s = 0
      for (let j = 0; j < cols; j++) if (y[o + j] !== 0) s += y[o + j] * (lse - z[o + j])
      out[r] = s
    }
  },
  vjp: (g, { inputs: [z, y] }, dy) => {
    const d = g.broadcast(dy, z)
    return [g.mul(d, g.sub(g.mul(g.softmax(z), g.broadcast(g.sumCols(y), z)), y)), g.mul(d, g.neg(g.logSoftmax(z)))]
  },
}
