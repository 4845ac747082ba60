/**
 * Broadcasting and its adjoint. `broadcast(v, like)` repeats a row [1, c], a column [r, 1] or a
 * scalar [1, 1] to like's shape; `sumTo(x, like)` sums x back down to like's shape. Each is the
 * other's vjp, which is what lets broadcasts appear inside gradients that are differentiated again.
 */
import { type Shape, rowsCols, showShape } from '../../tensor/shape.js'
import type { Op } from '../node.js'

/** Checks that `small` broadcasts to `big` (each dimension 1 or equal) and returns both as [rows, cols]. */
const fitting = (op: string, small: Shape, big: Shape): readonly [number, number, number, number] => {
  const [sr, sc] = rowsCols(small)
  const [br, bc] = rowsCols(big)
  if ((sr !== 1 && sr !== br) || (sc !== 1 && sc !== bc)) {
    throw new RangeError(`${op}: ${showShape(small)} does not broadcast to ${showShape(big)}`)
  }
  return [sr, sc, br, bc]
}

/** v repeated to like's shape (like is read for its shape only). */
export const broadcast: Op = {
  name: 'broadcast',
  shape: ([v, like]) => fitting('broadcast', v, like) && like,
  shapeOnly: [1],
  compute: ([v], out, [vs, likes]) => {
    const [sr, sc, br, bc] = fitting('broadcast', vs, likes)
    for (let i = 0; i < br; i++) {
      const vi = sr === 1 ? 0 : i * sc
      for (let j = 0; j < bc; j++) out[i * bc + j] = v[vi + (sc === 1 ? 0 : j)]
    }
  },
  vjp: (g, { inputs: [v] }, dy) => [g.sumTo(dy, v), null],
}

/** x summed over the dimensions where like has size 1, giving like's exact shape. */
export const sumTo: Op = {
  name: 'sumTo',
  shape: ([x, like]) => fitting('sumTo', like, x) && like,
  shapeOnly: [1],
  compute: ([x], out, [xs, likes]) => {
    const [sr, sc, br, bc] = fitting('sumTo', likes, xs)
    out.fill(0)
    for (let i = 0; i < br; i++) {
      const oi = sr === 1 ? 0 : i * sc
      for (let j = 0; j < bc; j++) out[oi + (sc === 1 ? 0 : j)] += x[i * bc + j]
    }
  },
  vjp: (g, { inputs: [x] }, dy) => [g.broadcast(dy, x), null],
}
