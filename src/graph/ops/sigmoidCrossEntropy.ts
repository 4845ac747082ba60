/** Sigmoid and binary cross-entropy fused: the loss is computed from the logits. */
import type { Op } from '../node.js'
import { sameShapes } from './check.js'

/**
 * Per example Σ_j −[y_j ln σ(z_j) + (1 − y_j) ln(1 − σ(z_j))] = Σ_j softplus(z_j) − y_j z_j,
 * evaluated as max(z, 0) − z·y + ln(1 + e^−|z|): [batch, n] twice → [batch, 1]. Finite for any
 * logits; the z-gradient is σ(z) − y, the y-gradient −z.
 */
export const sigmoidCrossEntropy: Op = {
  name: 'sigmoidCrossEntropy',
  shape: (s) => [sameShapes('sigmoidCrossEntropy', s)[0], 1],
  compute: ([z, y], out, [zs]) => {
    const cols = zs[1]
    for (let r = 0; r < zs[0]; r++) {
      let s = 0
      for (let j = r * cols; j < (r + 1) * cols; j++) {
        const v = z[j]
        s += (v > 0 ? v : 0) - v * y[j] + Math.log1p(Math.exp(-Math.abs(v)))
      }
      out[r] = s
    }
  },
  vjp: (g, { inputs: [z, y] }, dy) => {
    const d = g.broadcast(dy, z)
    return [g.mul(d, g.sub(g.sigmoid(z), y)), g.mul(d, g.neg(z))]
  },
}
