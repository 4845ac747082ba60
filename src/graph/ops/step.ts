/** The Heaviside step that is relu's derivative. */
import type { Op } from '../node.js'

/** 1 where x > 0, else 0 (so relu′(0) = 0); piecewise constant, so its gradient is zero. */
export const step: Op = {
  name: 'step',
  shape: ([x]) => x,
  compute: ([x], out) => {
    for (let i = 0; i < out.length; i++) out[i] = x[i] > 0 ? 1 : 0
  },
  vjp: () => [null],
}
