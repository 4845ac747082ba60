/** A user's own layer with a parameter, outside src/: y = x ⊙ g, one learnable gain per unit (starting at 1). */
import type { Layer } from '../../src/graph/layer.js'
import { constantInit } from '../../src/layers/init.js'

/** Per-unit learnable gain; declares `weight` [units], so checkpoints name it `<i>.weight` like torch would. */
export const gain = (): Layer => ({
  kind: 'gain',
  apply: (g, x, s) => {
    const out = g.mulRow(x, s.param('weight', [x.shape[1]], constantInit(1)))
    s.trace('gain', out)
    return out
  },
})
