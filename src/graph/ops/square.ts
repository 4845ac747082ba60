/** Elementwise square. */
import type { Op } from '../node.js'

/** x²; the gradient is 2x·dy. */
export const square: Op = {
  name: 'square',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] * x[i]
  },
  vjp: (g, { inputs: [x] }, dy) => [g.mul(dy, g.scale(x, 2))],
}
