/** Gaussian negative log-likelihood with a learned variance per target. */
import type { Loss } from '../graph/loss.js'

/**
 * The model outputs [μ (D), log σ² (D)]; per example Σ_j ½(log σ_j² + (y_j − μ_j)²/σ_j²), the
 * contract's form (no constant term, no variance clamp).
 */
export const gaussianNll: Loss = {
  name: 'gaussian-nll',
  targets: (yhat) => {
    const w = yhat.shape[1]
    if (w % 2 !== 0) throw new RangeError(`gaussian-nll: the output width ${w} is not [μ (D), log σ² (D)]`)
    return w / 2
  },
  build: (g, yhat, y) => {
    const d = yhat.shape[1] / 2
    const mu = g.sliceCols(yhat, 0, d)
    const logVar = g.sliceCols(yhat, d, 2 * d)
    const scaled = g.mul(g.square(g.sub(y, mu)), g.exp(g.neg(logVar)))
    return g.meanRows(g.sumCols(g.scale(g.add(logVar, scaled), 0.5)))
  },
}
