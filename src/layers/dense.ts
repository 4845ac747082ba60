/** The fully connected (affine) layer. */
import type { Layer } from '../graph/layer.js'
import { constantInit, uniformInit } from './init.js'

/** Options of `dense`: `biasInit` replaces torch's uniform bias init by a constant (e.g. 0.1 for ReLU nets). */
export interface DenseOptions {
  readonly units: number
  readonly bias?: boolean
  readonly biasInit?: number
}

/**
 * y = x·Wᵀ + b for x of shape [batch, fanIn]. W is [units, fanIn], the torch.nn.Linear layout, so
 * checkpoints need no transpose; W and b start U(−1/√fanIn, 1/√fanIn) as torch draws them. W is
 * regularized, b is not.
 */
export const dense = ({ units, bias = true, biasInit }: DenseOptions): Layer => ({
  kind: 'dense',
  apply: (g, x, s) => {
    const fanIn = x.shape[1]
    const bound = 1 / Math.sqrt(fanIn)
    const w = s.param('weight', [units, fanIn], uniformInit(bound), { regularized: true })
    const xw = g.matmul(x, w, { tb: true })
    const out = bias ? g.addRow(xw, s.param('bias', [units], biasInit === undefined ? uniformInit(bound) : constantInit(biasInit))) : xw
    s.trace('dense', out)
    return out
  },
})
