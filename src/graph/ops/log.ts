/** Elementwise natural logarithm. */
import type { Op } from '../node.js'

/** ln x; the gradient is dy / x. */
export const log: Op = {
  name: 'log',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.log(x[i])
  },
  vjp: (g, { inputs: [x] }, dy) => [g.div(dy, x)],
}
