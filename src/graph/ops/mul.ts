/** Elementwise (Hadamard) product a ⊙ b for tensors of one shape. */
import type { Op } from '../node.js'
import { sameShapes } from './check.js'

/** a ⊙ b; the gradient is dy ⊙ b for a and dy ⊙ a for b. */
export const mul: Op = {
  name: 'mul',
  shape: (s) => sameShapes('mul', s),
  compute: ([a, b], out) => {
    for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i]
  },
  vjp: (g, { inputs: [a, b] }, dy) => [g.mul(dy, b), g.mul(dy, a)],
}
