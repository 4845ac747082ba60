/** Addition of a constant. */
import type { Op } from '../node.js'

/** x + c; the gradient passes unchanged. */
export const shift = (c: number): Op => ({
  name: `shift(${c})`,
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] + c
  },
  vjp: (_g, _node, dy) => [dy],
})
