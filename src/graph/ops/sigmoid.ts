/** The logistic sigmoid. */
import type { Op } from '../node.js'

/** σ(x) = 1/(1+e⁻ˣ), evaluated without overflow; the gradient is σ(1−σ)·dy, read from the node. */
export const sigmoid: Op = {
  name: 'sigmoid',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) {
      const v = x[i]
      if (v >= 0) out[i] = 1 / (1 + Math.exp(-v))
      else {
        const e = Math.exp(v)
        out[i] = e / (1 + e)
      }
    }
  },
  vjp: (g, node, dy) => [g.mul(dy, g.mul(node, g.shift(g.neg(node), 1)))],
}
