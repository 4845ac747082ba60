/** Constant tensors shaped like another node (whose value is not read): the seeds of gradients. */
import type { Op } from '../node.js'

/** A tensor of `value` with x's shape; constant, so its gradient is zero. */
export const fillLike = (value: number): Op => ({
  name: `fillLike(${value})`,
  shape: ([x]) => x,
  shapeOnly: [0],
  compute: (_inputs, out) => {
    out.fill(value)
  },
  vjp: () => [null],
})
