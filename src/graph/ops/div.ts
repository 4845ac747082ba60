/** Elementwise quotient a / b for tensors of one shape. */
import type { Op } from '../node.js'
import { sameShapes } from './check.js'

/** a / b; the gradient is dy / b for a and −dy·(a/b)/b for b. */
export const div: Op = {
  name: 'div',
  shape: (s) => sameShapes('div', s),
  compute: ([a, b], out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] / b[i]
  },
  vjp: (g, node, dy) => {
    const [, b] = node.inputs
    return [g.div(dy, b), g.neg(g.div(g.mul(dy, node), b))]
  },
}
