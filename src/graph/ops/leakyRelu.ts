/** Leaky ReLU with a fixed negative slope, and its derivative. */
import type { Op } from '../node.js'

/** 1 where x > 0, else alpha: leaky relu's derivative (alpha at 0, as PyTorch); its own gradient is zero. */
export const leakyStep = (alpha: number): Op => ({
  name: `leakyStep(${alpha})`,
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] > 0 ? 1 : alpha
  },
  vjp: () => [null],
})

/** x where x > 0, else alpha·x. */
export const leakyRelu = (alpha: number): Op => ({
  name: `leakyRelu(${alpha})`,
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] > 0 ? x[i] : alpha * x[i]
  },
  vjp: (g, { inputs: [x] }, dy) => [g.mul(dy, g.leakyStep(x, alpha))],
})
