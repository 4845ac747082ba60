/** Sums over rows, over columns, and over all entries; sums accumulate in float64. */
import type { Op } from '../node.js'
import { matrix } from './check.js'

/** [r, c] → [1, c]: Σ_i x_ij (the sum over the batch). */
export const sumRows: Op = {
  name: 'sumRows',
  shape: ([x]) => [1, matrix('sumRows', x)[1]],
  compute: ([x], out, [xs]) => {
    const [rows, cols] = [xs[0], xs[1]]
    for (let j = 0; j < cols; j++) {
      let s = 0
      for (let i = 0; i < rows; i++) s += x[i * cols + j]
      out[j] = s
    }
  },
  vjp: (g, { inputs: [x] }, dy) => [g.broadcast(dy, x)],
}

/** [r, c] → [r, 1]: Σ_j x_ij (the sum within each example). */
export const sumCols: Op = {
  name: 'sumCols',
  shape: ([x]) => [matrix('sumCols', x)[0], 1],
  compute: ([x], out, [xs]) => {
    const [rows, cols] = [xs[0], xs[1]]
    for (let i = 0; i < rows; i++) {
      let s = 0
      for (let j = 0; j < cols; j++) s += x[i * cols + j]
      out[i] = s
    }
  },
  vjp: (g, { inputs: [x] }, dy) => [g.broadcast(dy, x)],
}

/** Any shape → [1, 1]: Σ of every entry. */
export const sumAll: Op = {
  name: 'sumAll',
  shape: () => [1, 1],
  compute: ([x], out) => {
    let s = 0
    for (let i = 0; i < x.length; i++) s += x[i]
    out[0] = s
  },
  vjp: (g, { inputs: [x] }, dy) => [g.broadcast(dy, x)],
}
