/** Parametric ReLU: one learnable negative slope per unit. */
import type { Op } from '../node.js'
import { rowLike } from './check.js'

/**
 * x where x > 0, else a_j·x for column j; a is [units]. The x-gradient at 0 is a_j·dy, as
 * PyTorch's prelu backward gives; the a-gradient sums dy·min(x, 0) over the batch.
 */
export const prelu: Op = {
  name: 'prelu',
  shape: (s) => rowLike('prelu', s),
  compute: ([x, a], out, [xs]) => {
    const cols = xs[1]
    for (let i = 0; i < out.length; i++) {
      const v = x[i]
      out[i] = v > 0 ? v : a[i % cols] * v
    }
  },
  vjp: (g, { inputs: [x, a] }, dy) => {
    const positive = g.step(x)
    const dx = g.add(g.mul(dy, positive), g.mulRow(g.mul(dy, g.shift(g.neg(positive), 1)), a))
    const negativePart = g.neg(g.relu(g.neg(x)))
    return [dx, g.sumTo(g.mul(dy, negativePart), a)]
  },
}
