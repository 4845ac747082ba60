/**
 * Means over rows, columns and all entries. The count may be the symbolic batch size, so the
 * division is its own op, `divByCount`, which reads the count from a shape at run time.
 */
import type { Shape } from '../../tensor/shape.js'
import { rowsCols, sizeOf } from '../../tensor/shape.js'
import type { Op } from '../node.js'
import { matrix } from './check.js'

/** Which count a mean divides by. */
export type Axis = 'rows' | 'cols' | 'all'

const countOf = (axis: Axis, like: Shape): number =>
  axis === 'rows' ? rowsCols(like)[0] : axis === 'cols' ? rowsCols(like)[1] : sizeOf(like)

/** v / n, where n is the row count, column count or size of `like` (read for its shape only). */
export const divByCount = (axis: Axis): Op => ({
  name: `divByCount(${axis})`,
  shape: ([v]) => v,
  shapeOnly: [1],
  compute: ([v], out, [, like]) => {
    const n = countOf(axis, like)
    for (let i = 0; i < out.length; i++) out[i] = v[i] / n
  },
  vjp: (g, { inputs: [, like] }, dy) => [g.divByCount(dy, like, axis), null],
})

/** [r, c] → [1, c]: the mean over the batch. */
export const meanRows: Op = {
  name: 'meanRows',
  shape: ([x]) => [1, matrix('meanRows', x)[1]],
  compute: ([x], out, [xs]) => {
    const [rows, cols] = [xs[0], xs[1]]
    for (let j = 0; j < cols; j++) {
      let s = 0
      for (let i = 0; i < rows; i++) s += x[i * cols + j]
      out[j] = s / rows
    }
  },
  vjp: (g, { inputs: [x] }, dy) => [g.divByCount(g.broadcast(dy, x), x, 'rows')],
}

/** [r, c] → [r, 1]: the mean within each example. */
export const meanCols: Op = {
  name: 'meanCols',
  shape: ([x]) => [matrix('meanCols', x)[0], 1],
  compute: ([x], out, [xs]) => {
    const [rows, cols] = [xs[0], xs[1]]
    for (let i = 0; i < rows; i++) {
      let s = 0
      for (let j = 0; j < cols; j++) s += x[i * cols + j]
      out[i] = s / cols
    }
  },
  vjp: (g, { inputs: [x] }, dy) => [g.divByCount(g.broadcast(dy, x), x, 'cols')],
}

/** Any shape → [1, 1]: the mean of every entry. */
export const meanAll: Op = {
  name: 'meanAll',
  shape: () => [1, 1],
  compute: ([x], out) => {
    let s = 0
    for (let i = 0; i < x.length; i++) s += x[i]
    out[0] = s / x.length
  },
  vjp: (g, { inputs: [x] }, dy) => [g.divByCount(g.broadcast(dy, x), x, 'all')],
}
