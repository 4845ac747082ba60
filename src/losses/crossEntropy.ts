/** Cross-entropy, the cost of a softmax output unit. */
import type { Loss } from '../graph/loss.js'

/**
 * Per example −Σ_c y_c ln p_c for one-hot or probability targets (class indices are one-hot by
 * the time they get here). When the model ends in a softmax the cost is computed from its logits
 * through log-sum-exp (fused: finite for any logits, gradient p − y); otherwise from p.
 */
export const crossEntropy: Loss = {
  name: 'cross-entropy',
  targets: (yhat) => yhat.shape[1],
  build: (g, yhat, y) =>
    yhat.op?.name === 'softmax'
      ? g.meanRows(g.softmaxCrossEntropy(yhat.inputs[0], y))
      : g.meanRows(g.neg(g.sumCols(g.mul(y, g.log(yhat))))),
}
