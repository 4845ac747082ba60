/** Sequential composition: the layer list of a spec, and torch.nn.Sequential's naming. */
import type { Layer } from '../graph/layer.js'

/** Applies layers in order; layer i declares its parameters as `i.<name>`, as torch.nn.Sequential names them. */
export const serial = (...layers: readonly Layer[]): Layer => ({
  kind: 'serial',
  apply: (g, x, s) => layers.reduce((h, layer, i) => layer.apply(g, h, s.child(String(i))), x),
})
