/** Elementwise a − b for tensors of one shape. */
import type { Op } from '../node.js'
import { sameShapes } from './check.js'

/** a − b; the gradient is dy for a and −dy for b. */
export const sub: Op = {
  name: 'sub',
  shape: (s) => sameShapes('sub', s),
  compute: ([a, b], out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i]
  },
  vjp: (g, _node, dy) => [dy, g.neg(dy)],
}
