/** Elementwise absolute value (the lecture's absolute-value rectification). */
import type { Op } from '../node.js'

/** |x|; the gradient is sign(x)·dy, so abs′(0) = 0 as the contract fixes. */
export const abs: Op = {
  name: 'abs',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.abs(x[i])
  },
  vjp: (g, { inputs: [x] }, dy) => [g.mul(dy, g.sign(x))],
}
