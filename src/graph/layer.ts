/**
 * What a layer is: a function that extends a graph from one node, declaring the parameters it
 * needs through a scope. A layer holds no values; parameters are fed when a plan runs.
 */
import type { Key } from '../tensor/random.js'
import type { Shape } from '../tensor/shape.js'
import type { Tensor } from '../tensor/tensor.js'
import type { Builder } from './builder.js'
import type { Node } from './node.js'

/** Draws a parameter's initial value. */
export type Init = (k: Key, shape: Shape) => Tensor

/** A declared parameter: its checkpoint name, shape, initializer, and whether regularizers apply. */
export interface ParamDecl {
  readonly name: string
  readonly shape: Shape
  readonly init: Init
  /** L1/L2 penalties apply (dense weights only, per the contract). */
  readonly regularized: boolean
  readonly node: Node
}

/** One applied layer, for summaries: where it sits, what it is, what it produced. */
export interface LayerTrace {
  readonly path: string
  readonly kind: string
  readonly output: Node
  readonly params: readonly ParamDecl[]
}

/** Where a layer declares its parameters: names are prefixed by the layer's position (`0.`, `1.` …). */
export interface Scope {
  /** Declares a parameter named `<prefix><name>` and returns its node. */
  readonly param: (name: string, shape: Shape, init: Init, options?: { readonly regularized?: boolean }) => Node
  /** The scope of a sub-layer at `name` (serial uses the index). */
  readonly child: (name: string) => Scope
  /** Records that the layer at this scope produced `output` (for summaries). */
  readonly trace: (kind: string, output: Node) => void
}

/** A graph builder that declares its parameters: the unit of composition. */
export interface Layer {
  readonly kind: string
  readonly apply: (g: Builder, x: Node, scope: Scope) => Node
}

/** A root scope collecting declarations and traces. */
export const rootScope = (
  g: Builder,
): { readonly scope: Scope; readonly params: readonly ParamDecl[]; readonly traces: readonly LayerTrace[] } => {
  const params: ParamDecl[] = []
  const traces: LayerTrace[] = []
  const at = (prefix: string): Scope => ({
    param: (name, shape, init, { regularized = false } = {}) => {
      const node = g.param(prefix + name, shape)
      params.push({ name: prefix + name, shape, init, regularized, node })
      return node
    },
    child: (name) => at(`${prefix}${name}.`),
    trace: (kind, output) => {
      const path = prefix.replace(/\.$/, '')
      traces.push({ path, kind, output, params: params.filter((p) => p.name.startsWith(prefix) && p.name.slice(prefix.length).indexOf('.') < 0) })
    },
  })
  return { scope: at(''), params, traces }
}
