/** The mixture density network's negative log-likelihood. */
import type { Loss } from '../graph/loss.js'
import { mdnComponents, mdnDims } from '../graph/ops/mdnHead.js'

/**
 * Per example −ln Σ_k π_k N(y; μ_k, diag σ_k²), the density including its (2π)^(−D/2). Built
 * from the head's input z: ln π = log-softmax of the logits, and the sum over components goes
 * through log-sum-exp, so it stays finite when one component dominates.
 */
export const mdnNll: Loss = {
  name: 'mdn-nll',
  targets: (yhat) => {
    const k = mdnComponents(yhat)
    if (k === null) throw new Error('mdn-nll: the model must end in an mdn layer')
    return mdnDims(k, yhat.shape[1])
  },
  build: (g, yhat, y) => {
    const k = mdnComponents(yhat) as number
    const z = yhat.inputs[0]
    const d = mdnDims(k, z.shape[1])
    const logPi = g.logSoftmax(g.sliceCols(z, 0, k))
    const logDensities = Array.from({ length: k }, (_, c) => {
      const mu = g.sliceCols(z, k + c * d, k + (c + 1) * d)
      const logSigma = g.sliceCols(z, k + k * d + c * d, k + k * d + (c + 1) * d)
      const standardized = g.mul(g.sub(y, mu), g.exp(g.neg(logSigma)))
      return g.neg(g.sumCols(g.add(logSigma, g.scale(g.square(standardized), 0.5))))
    })
    const joint = g.add(logPi, g.concatCols(...logDensities))
    const nll = g.shift(g.neg(g.logSumExp(joint)), (d / 2) * Math.log(2 * Math.PI))
    return g.meanRows(nll)
  },
}
