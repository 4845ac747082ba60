/**
 * The vocabulary of graphs: a node is an input, a parameter, a constant, or an op applied to
 * earlier nodes. Node ids follow creation order, which is therefore a topological order.
 */
import type { Kernels } from '../tensor/kernels.js'
import type { Shape } from '../tensor/shape.js'
import type { Floats, Tensor } from '../tensor/tensor.js'
import type { Builder } from './builder.js'

/** What a node is: fed from outside (input, param), fixed (const), or computed (op). */
export type NodeKind = 'input' | 'param' | 'const' | 'op'

/** One node of a symbolic graph. */
export interface Node {
  readonly id: number
  readonly kind: NodeKind
  /** The feed name of inputs and params, the op name of op nodes. */
  readonly name: string
  /** Symbolic shape: BATCH (-1) marks the minibatch dimension. */
  readonly shape: Shape
  /** The op of an op node, null otherwise. */
  readonly op: Op | null
  readonly inputs: readonly Node[]
  /** The value of a const node. */
  readonly value: Tensor | null
}

/**
 * One differentiable operation on row-major tensors. `name` identifies it: two ops with the
 * same name compute the same function (the builder merges equal applications by name).
 */
export interface Op {
  readonly name: string
  /** Output shape for these input shapes (symbolic or concrete); throws, naming them, when they don't fit. */
  readonly shape: (inputs: readonly Shape[]) => Shape
  /** Writes the result into `out`; never allocates, never writes its inputs. `shapes` are concrete. */
  readonly compute: (inputs: readonly Floats[], out: Floats, shapes: readonly Shape[], kernels: Kernels) => void
  /**
   * Inputs read for their shape only (e.g. `like` in broadcast): plans never compute them for
   * this op, and `compute` gets an empty buffer in their place.
   */
  readonly shapeOnly?: readonly number[]
  /** dL/d(input i) for each input as new nodes built from `dy` (dL/d output); null where it is zero. */
  readonly vjp: (g: Builder, node: Node, dy: Node) => readonly (Node | null)[]
}
