/** Elementwise natural exponential. */
import type { Op } from '../node.js'

/** eˣ; the gradient is eˣ·dy, read from the node itself. */
export const exp: Op = {
  name: 'exp',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.exp(x[i])
  },
  vjp: (g, node, dy) => [g.mul(dy, node)],
}
