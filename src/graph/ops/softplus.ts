/** The softplus function, a smooth relu. */
import type { Op } from '../node.js'

/** ζ(x) = ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), finite for any x; the gradient is σ(x)·dy. */
export const softplus: Op = {
  name: 'softplus',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) {
      const v = x[i]
      out[i] = (v > 0 ? v : 0) + Math.log1p(Math.exp(-Math.abs(v)))
    }
  },
  vjp: (g, { inputs: [x] }, dy) => [g.mul(dy, g.sigmoid(x))],
}
