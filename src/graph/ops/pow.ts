/** Elementwise power with a constant exponent. */
import type { Op } from '../node.js'

/** x^p (p = 3 is the cube); the gradient is p·x^(p−1)·dy. */
export const pow = (p: number): Op => ({
  name: `pow(${p})`,
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] ** p
  },
  vjp: (g, { inputs: [x] }, dy) => [g.mul(dy, g.scale(p === 2 ? x : g.pow(x, p - 1), p))],
})
