/** Parametric ReLU: the negative slope is learned, one per unit. */
import type { Layer } from '../graph/layer.js'
import { constantInit } from './init.js'

/** x where x > 0, else a_j·x; a is a parameter [units] starting at `init` (0.25, as torch.nn.PReLU). */
export const prelu = ({ init = 0.25 }: { readonly init?: number } = {}): Layer => ({
  kind: 'prelu',
  apply: (g, x, s) => {
    const out = g.prelu(x, s.param('weight', [x.shape[1]], constantInit(init)))
    s.trace('prelu', out)
    return out
  },
})
