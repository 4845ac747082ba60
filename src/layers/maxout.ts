/** Maxout units. */
import type { Layer } from '../graph/layer.js'

/** The max over each group of k consecutive units: [batch, units] → [batch, units / k]; ties go to the first. */
export const maxout = ({ k }: { readonly k: number }): Layer => ({
  kind: 'maxout',
  apply: (g, x, s) => {
    const out = g.maxout(x, k)
    s.trace('maxout', out)
    return out
  },
})
