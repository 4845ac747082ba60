/**
 * Maxout over groups of k consecutive units, and the two ops its derivatives are made of.
 * Ties go to the first index of a group, as the contract fixes.
 */
import type { Floats } from '../../tensor/tensor.js'
import type { Op } from '../node.js'
import { matrix } from './check.js'

/** Index within the group starting at `o` of its first largest entry. */
const argmaxAt = (x: Floats, o: number, k: number): number => {
  let best = 0
  for (let p = 1; p < k; p++) if (x[o + p] > x[o + best]) best = p
  return best
}

const groupsOf = (op: string, k: number, width: number): number => {
  if (width % k !== 0) throw new RangeError(`${op}: width ${width} is not divisible by k = ${k}`)
  return width / k
}

/** out[b, j] = max_p x[b, j·k + p]: [batch, units] → [batch, units / k]. */
export const maxout = (k: number): Op => ({
  name: `maxout(${k})`,
  shape: ([x]) => {
    const [r, c] = matrix('maxout', x)
    return [r, groupsOf('maxout', k, c)]
  },
  compute: ([x], out, [xs]) => {
    const groups = xs[1] / k
    for (let i = 0; i < out.length; i++) {
      const o = Math.floor(i / groups) * xs[1] + (i % groups) * k
      out[i] = x[o + argmaxAt(x, o, k)]
    }
  },
  vjp: (g, { inputs: [x] }, dy) => [g.scatterArgmax(dy, x, k)],
})

/** Puts v[b, j] at the first argmax of group j of x, zero elsewhere: [batch, units/k] → x's shape. */
export const scatterArgmax = (k: number): Op => ({
  name: `scatterArgmax(${k})`,
  shape: ([v, x]) => {
    const [r, c] = matrix('scatterArgmax', x)
    const [vr, vc] = matrix('scatterArgmax', v)
    if (vr !== r || vc * k !== c) throw new RangeError(`scatterArgmax: [${v}] does not match groups of ${k} in [${x}]`)
    return x
  },
  compute: ([v, x], out, [, xs]) => {
    out.fill(0)
    const groups = xs[1] / k
    for (let i = 0; i < v.length; i++) {
      const o = Math.floor(i / groups) * xs[1] + (i % groups) * k
      out[o + argmaxAt(x, o, k)] = v[i]
    }
  },
  vjp: (g, { inputs: [, x] }, dy) => [g.gatherArgmax(dy, x, k), null],
})

/** Picks from v the entry at the first argmax of each group of x: x's shape → [batch, units/k]. */
export const gatherArgmax = (k: number): Op => ({
  name: `gatherArgmax(${k})`,
  shape: ([v, x]) => {
    const [r, c] = matrix('gatherArgmax', x)
    if (v.length !== 2 || v[0] !== r || v[1] !== c) throw new RangeError(`gatherArgmax: [${v}] and [${x}] differ`)
    return [r, groupsOf('gatherArgmax', k, c)]
  },
  compute: ([v, x], out, [, xs]) => {
    const groups = xs[1] / k
    for (let i = 0; i < out.length; i++) {
      const o = Math.floor(i / groups) * xs[1] + (i % groups) * k
      out[i] = v[o + argmaxAt(x, o, k)]
    }
  },
  vjp: (g, { inputs: [, x] }, dy) => [g.scatterArgmax(dy, x, k), null],
})
