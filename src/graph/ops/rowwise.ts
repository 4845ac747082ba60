/** Row-broadcast operations with a vector [units]: the bias add of dense layers and a per-unit scale. */
import type { Op } from '../node.js'
import { rowLike } from './check.js'

/** x + b for each row of x, b of shape [cols]; the b-gradient sums dy over the batch. */
export const addRow: Op = {
  name: 'addRow',
  shape: (s) => rowLike('addRow', s),
  compute: ([x, b], out, [xs]) => {
    const cols = xs[1]
    for (let o = 0; o < out.length; o += cols) for (let j = 0; j < cols; j++) out[o + j] = x[o + j] + b[j]
  },
  vjp: (g, { inputs: [, b] }, dy) => [dy, g.sumTo(dy, b)],
}

/** x ⊙ v for each row of x, v of shape [cols]. */
export const mulRow: Op = {
  name: 'mulRow',
  shape: (s) => rowLike('mulRow', s),
  compute: ([x, v], out, [xs]) => {
    const cols = xs[1]
    for (let o = 0; o < out.length; o += cols) for (let j = 0; j < cols; j++) out[o + j] = x[o + j] * v[j]
  },
  vjp: (g, { inputs: [x, v] }, dy) => [g.mulRow(dy, v), g.sumTo(g.mul(dy, x), v)],
}
