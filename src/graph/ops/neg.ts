/** Elementwise negation. */
import type { Op } from '../node.js'

/** −x; the gradient is −dy. */
export const neg: Op = {
  name: 'neg',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = -x[i]
  },
  vjp: (g, _node, dy) => [g.neg(dy)],
}
