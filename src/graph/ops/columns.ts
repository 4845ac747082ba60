/** Column slices and their adjoints: picking columns, padding them back, and joining blocks side by side. */
import type { Op } from '../node.js'
import { matrix } from './check.js'

/** Columns [start, end) of x: [r, c] → [r, end − start]. */
export const sliceCols = (start: number, end: number): Op => ({
  name: `sliceCols(${start},${end})`,
  shape: ([x]) => {
    const [r, c] = matrix('sliceCols', x)
    if (!(0 <= start && start < end && end <= c)) throw new RangeError(`sliceCols: [${start}, ${end}) is outside ${c} columns`)
    return [r, end - start]
  },
  compute: ([x], out, [xs]) => {
    const [rows, cols] = [xs[0], xs[1]]
    const w = end - start
    for (let i = 0; i < rows; i++) for (let j = 0; j < w; j++) out[i * w + j] = x[i * cols + start + j]
  },
  vjp: (g, { inputs: [x] }, dy) => [g.padCols(dy, start, matrix('sliceCols', x.shape)[1])],
})

/** v placed at columns [start, start + width(v)) of a zero matrix `width` wide. */
export const padCols = (start: number, width: number): Op => ({
  name: `padCols(${start},${width})`,
  shape: ([v]) => {
    const [r, c] = matrix('padCols', v)
    if (start + c > width) throw new RangeError(`padCols: ${c} columns at ${start} do not fit in ${width}`)
    return [r, width]
  },
  compute: ([v], out, [vs]) => {
    const [rows, w] = [vs[0], vs[1]]
    out.fill(0)
    for (let i = 0; i < rows; i++) for (let j = 0; j < w; j++) out[i * width + start + j] = v[i * w + j]
  },
  vjp: (g, { inputs: [v] }, dy) => [g.sliceCols(dy, start, start + matrix('padCols', v.shape)[1])],
})

/** [a | b | …]: matrices with the same rows joined side by side. */
export const concatCols: Op = {
  name: 'concatCols',
  shape: (xs) => {
    const rows = matrix('concatCols', xs[0])[0]
    let cols = 0
    for (const s of xs) {
      const [r, c] = matrix('concatCols', s)
      if (r !== rows) throw new RangeError(`concatCols: row counts differ, [${xs.join('], [')}]`)
      cols += c
    }
    return [rows, cols]
  },
  compute: (xs, out, shapes) => {
    const rows = shapes[0][0]
    const width = out.length / Math.max(rows, 1)
    let at = 0
    xs.forEach((x, k) => {
      const w = shapes[k][1]
      for (let i = 0; i < rows; i++) for (let j = 0; j < w; j++) out[i * width + at + j] = x[i * w + j]
      at += w
    })
  },
  vjp: (g, { inputs }, dy) => {
    let at = 0
    return inputs.map((x) => {
      const w = matrix('concatCols', x.shape)[1]
      at += w
      return g.sliceCols(dy, at - w, at)
    })
  },
}
