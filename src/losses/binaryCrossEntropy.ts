/** Binary cross-entropy, the cost of a sigmoid output unit. */
import type { Loss } from '../graph/loss.js'

/**
 * Per example −Σ_j [y_j ln p_j + (1−y_j) ln(1−p_j)]. When the model ends in a sigmoid the cost
 * is computed from its logits (fused, finite for any logit, gradient σ(z) − y); otherwise from p.
 */
export const binaryCrossEntropy: Loss = {
  name: 'binary-cross-entropy',
  targets: (yhat) => yhat.shape[1],
  build: (g, yhat, y) => {
    if (yhat.op?.name === 'sigmoid') return g.meanRows(g.sigmoidCrossEntropy(yhat.inputs[0], y))
    const one = (n: typeof y) => g.shift(g.neg(n), 1)
    const perEntry = g.add(g.mul(y, g.log(yhat)), g.mul(one(y), g.log(one(yhat))))
    return g.meanRows(g.neg(g.sumCols(perEntry)))
  },
}
