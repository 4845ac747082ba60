/** Parameter-free hidden and output units, each one op applied elementwise or row-wise. */
import type { Builder } from '../graph/builder.js'
import type { Layer } from '../graph/layer.js'
import type { Node } from '../graph/node.js'

const unit = (kind: string, f: (g: Builder, x: Node) => Node): Layer => ({
  kind,
  apply: (g, x, s) => {
    const out = f(g, x)
    s.trace(kind, out)
    return out
  },
})

/** max(0, x). */
export const relu = (): Layer => unit('relu', (g, x) => g.relu(x))

/** |x|: absolute-value rectification. */
export const abs = (): Layer => unit('abs', (g, x) => g.abs(x))

/** x where x > 0, else alpha·x (alpha 0.01 by default, as torch). */
export const leakyRelu = ({ alpha = 0.01 }: { readonly alpha?: number } = {}): Layer =>
  unit('leaky-relu', (g, x) => g.leakyRelu(x, alpha))

/** The logistic sigmoid σ(x). */
export const sigmoid = (): Layer => unit('sigmoid', (g, x) => g.sigmoid(x))

/** tanh(x). */
export const tanh = (): Layer => unit('tanh', (g, x) => g.tanh(x))

/** Row-wise softmax: an output unit for class probabilities. */
export const softmax = (): Layer => unit('softmax', (g, x) => g.softmax(x))

/** The identity: a linear output unit. */
export const linear = (): Layer => unit('linear', (_g, x) => x)
