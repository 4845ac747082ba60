/** The hyperbolic tangent. */
import type { Op } from '../node.js'

/** tanh x; the gradient is (1 − tanh²x)·dy, read from the node. */
export const tanh: Op = {
  name: 'tanh',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = Math.tanh(x[i])
  },
  vjp: (g, node, dy) => [g.mul(dy, g.shift(g.neg(g.square(node)), 1))],
}
