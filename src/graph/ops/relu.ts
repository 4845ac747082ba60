/** The rectified linear unit. */
import type { Op } from '../node.js'

/** max(0, x); relu′(0) = 0, so the gradient flows where x > 0 only. */
export const relu: Op = {
  name: 'relu',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] < 0 ? 0 : x[i] // NaN stays NaN, as torch.relu; the non-finite guard relies on it
  },
  vjp: (g, { inputs: [x] }, dy) => [g.mul(dy, g.step(x))],
}
