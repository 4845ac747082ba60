/** Elementwise sign, with sign(0) = 0 as in PyTorch. */
import type { Op } from '../node.js'

/** −1, 0 or 1; piecewise constant, so its gradient is zero. */
export const sign: Op = {
  name: 'sign',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] > 0 ? 1 : x[i] < 0 ? -1 : 0
  },
  vjp: () => [null],
}
