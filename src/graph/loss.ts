/** What a loss is: a graph from the model's output and the targets to the batch's mean loss. */
import type { Builder } from './builder.js'
import type { Node } from './node.js'

/** A cost: `build` gives a [1, 1] node, the mean over the batch of the per-example loss. */
export interface Loss {
  readonly name: string
  /** Width of the targets `y` for a model output `yhat` (e.g. D for a mixture density head). */
  readonly targets: (yhat: Node) => number
  readonly build: (g: Builder, yhat: Node, y: Node) => Node
}

/** A penalty on the regularized weights (L1, L2), added to the loss for the gradient only. */
export type Penalty = (g: Builder, weights: readonly Node[]) => Node | null
