/** Multiplication by a constant factor. */
import type { Op } from '../node.js'

/** c·x; the gradient is c·dy. */
export const scale = (c: number): Op => ({
  name: `scale(${c})`,
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = c * x[i]
  },
  vjp: (g, _node, dy) => [g.scale(dy, c)],
})
