/**
 * A user's own op and layer, written outside src/ against the public API only: swish(x) = x·σ(x)
 * (Ramachandran et al. 2017), with its kernel beside its vjp.
 */
import type { Layer } from '../../src/graph/layer.js'
import type { Op } from '../../src/graph/node.js'

/** x·σ(x); the derivative σ(x)·(1 + x·(1 − σ(x))) is written with built-in ops, so it differentiates again. */
export const swishOp: Op = {
  name: 'swish',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] / (1 + Math.exp(-x[i]))
  },
  vjp: (g, { inputs: [x] }, dy) => {
    const s = g.sigmoid(x)
    return [g.mul(dy, g.mul(s, g.shift(g.mul(x, g.shift(g.neg(s), 1)), 1)))]
  },
}

/** The swish activation as a layer. */
export const swish = (): Layer => ({
  kind: 'swish',
  apply: (g, x, s) => {
    const out = g.apply(swishOp, [x])
    s.trace('swish', out)
    return out
  },
})
