/** The mixture density network head (Bishop 1994), as the lecture's output unit for multimodal targets. */
import type { Layer } from '../graph/layer.js'

/**
 * An output unit for a mixture of K diagonal Gaussians over D targets: input width K(2D+1),
 * output [π (K), μ (KD), σ (KD)]. Pair it with the mdn-nll cost, which reads the logits directly.
 */
export const mdn = ({ components }: { readonly components: number }): Layer => ({
  kind: 'mdn',
  apply: (g, x, s) => {
    const out = g.mdnHead(x, components)
    s.trace('mdn', out)
    return out
  },
})
