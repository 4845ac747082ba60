/** Elementwise a + b for tensors of one shape. */
import type { Op } from '../node.js'
import { sameShapes } from './check.js'

/** a + b; the gradient passes to both sides unchanged. */
export const add: Op = {
  name: 'add',
  shape: (s) => sameShapes('add', s),
  compute: ([a, b], out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i]
  },
  vjp: (_g, _node, dy) => [dy, dy],
}
