/** Plain full-batch gradient descent on a compiled net, for tests that must not depend on the optimizers. */
import type { Net } from '../../src/graph/net.js'
import { type Params, applyUpdates, mapParams } from '../../src/tensor/params.js'
import type { Tensor } from '../../src/tensor/tensor.js'
import { mapTensor } from '../../src/tensor/tensor.js'

/** θ ← θ − lr·∇J, `steps` times on one batch; returns the final parameters and the loss of every step. */
export const descend = (net: Net, params: Params, x: Tensor, y: Tensor, lr: number, steps: number) => {
  const losses: number[] = []
  let p = params
  for (let s = 0; s < steps; s++) {
    const fwd = net.forward(x, y, p)
    losses.push(fwd.loss)
    p = applyUpdates(p, mapParams(net.backward(fwd, x, y, p), (g) => mapTensor(g, (v) => -lr * v)))
  }
  return { params: p, losses }
}
