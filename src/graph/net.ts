/**
 * A network compiled for training: the model's graph, its loss, the derivative graph, and the
 * plans that run them. Forward and backward are two plans of one graph: the forward plan
 * returns the values the backward plan reads (the tape), so each stage can run on its own.
 */
import type { Kernels } from '../tensor/kernels.js'
import type { Params } from '../tensor/params.js'
import { type Key, splitN } from '../tensor/random.js'
import { BATCH } from '../tensor/shape.js'
import type { Tensor } from '../tensor/tensor.js'
import { type Builder, builder } from './builder.js'
import { grad } from './grad.js'
import { type Layer, type LayerTrace, type ParamDecl, rootScope } from './layer.js'
import type { Loss, Penalty } from './loss.js'
import type { Node } from './node.js'
import { type Plan, compile } from './plan.js'

/** The forward pass of one minibatch: output, mean data loss, and the tape for backward. */
export interface ForwardValues {
  readonly yhat: Tensor
  readonly loss: number
  readonly tape: readonly Tensor[]
}

/** A model with its loss, gradients and plans. */
export interface Net {
  readonly graph: Builder
  readonly x: Node
  readonly y: Node
  readonly yhat: Node
  /** The mean data loss (regularization excluded), [1, 1]. */
  readonly loss: Node
  /** The objective differentiated: data loss plus penalty. */
  readonly objective: Node
  readonly params: readonly ParamDecl[]
  /** One gradient node per parameter, in declaration order. */
  readonly grads: readonly Node[]
  readonly layers: readonly LayerTrace[]
  readonly inputs: number
  readonly targets: number
  /** Draws initial parameters; one key split across them in declaration order. */
  readonly init: (k: Key) => Params
  /** Runs the forward plan. */
  readonly forward: (x: Tensor, y: Tensor, params: Params) => ForwardValues
  /** Runs the backward plan on a forward pass's tape: the gradient of the objective per parameter. */
  readonly backward: (fwd: ForwardValues, x: Tensor, y: Tensor, params: Params) => Params
  /** The model's output alone. */
  readonly predict: (x: Tensor, params: Params) => Tensor
  /** Output and mean data loss without the tape (for scoring before training, and evaluation). */
  readonly evaluate: (x: Tensor, y: Tensor, params: Params) => { readonly yhat: Tensor; readonly loss: number }
  /** The model this net was compiled from, and its options. */
  readonly model: Layer
  readonly options: NetOptions
  /** The same model compiled with another loss (parameters keep their names and shapes). */
  readonly withLoss: (loss: Loss) => Net
  /** The compiled plans, for inspection. */
  readonly plans: { readonly forward: Plan; readonly backward: Plan; readonly predict: Plan; readonly evaluate: Plan }
}

/** Options of `compileNet`. */
export interface NetOptions {
  /** Width of each input row. */
  readonly inputs: number
  readonly penalty?: Penalty
  readonly kernels?: Kernels
}

/** Computed nodes of `available` that `outputs` read, stopping at them (the tape). */
const frontier = (outputs: readonly Node[], available: ReadonlySet<number>, fed: ReadonlySet<number>): Node[] => {
  const seen = new Set<number>()
  const found = new Map<number, Node>()
  const stack = [...outputs]
  while (stack.length > 0) {
    const n = stack.pop() as Node
    if (seen.has(n.id) || fed.has(n.id)) continue
    seen.add(n.id)
    if (available.has(n.id)) {
      found.set(n.id, n)
      continue
    }
    const shapeOnly = n.op?.shapeOnly ?? []
    n.inputs.forEach((i, k) => {
      if (!shapeOnly.includes(k)) stack.push(i)
    })
  }
  return [...found.values()].sort((a, b) => a.id - b.id)
}

/** The op nodes `outputs` depend on, as a set of ids. */
const ancestors = (outputs: readonly Node[]): Set<number> => {
  const seen = new Set<number>()
  const stack = [...outputs]
  while (stack.length > 0) {
    const n = stack.pop() as Node
    if (seen.has(n.id)) continue
    seen.add(n.id)
    const shapeOnly = n.op?.shapeOnly ?? []
    n.inputs.forEach((i, k) => {
      if (!shapeOnly.includes(k)) stack.push(i)
    })
  }
  return seen
}

/** Builds the model and its loss on a fresh graph and compiles forward, backward, predict and evaluate plans. */
export const compileNet = (model: Layer, loss: Loss, options: NetOptions): Net => {
  const g = builder()
  const x = g.input('x', [BATCH, options.inputs])
  const { scope, params, traces } = rootScope(g)
  const yhat = model.apply(g, x, scope)
  const targets = loss.targets(yhat)
  const y = g.input('y', [BATCH, targets])
  const dataLoss = loss.build(g, yhat, y)
  const penalty = options.penalty?.(g, params.filter((p) => p.regularized).map((p) => p.node)) ?? null
  const objective = penalty === null ? dataLoss : g.add(dataLoss, penalty)
  const paramNodes = params.map((p) => p.node)
  const grads = grad(g, objective, paramNodes)
  const kernels = options.kernels === undefined ? {} : { kernels: options.kernels }

  const feeds = [x, y, ...paramNodes]
  const fed = new Set(feeds.map((f) => f.id))
  const tape = frontier(grads, ancestors([yhat, dataLoss]), fed)
  const forwardPlan = compile([yhat, dataLoss, ...tape], feeds, kernels)
  const backwardPlan = compile(grads, [...tape, ...feeds], kernels)
  const predictPlan = compile([yhat], [x, ...paramNodes], kernels)
  const evaluatePlan = compile([yhat, dataLoss], feeds, kernels)
  const ordered = (p: Params): Tensor[] => params.map((d) => p[d.name])

  return {
    graph: g,
    x,
    y,
    yhat,
    loss: dataLoss,
    objective,
    params,
    grads,
    layers: traces,
    inputs: options.inputs,
    targets,
    init: (k) => {
      const keys = splitN(k, params.length)
      return Object.fromEntries(params.map((d, i) => [d.name, d.init(keys[i], d.shape)]))
    },
    forward: (xv, yv, p) => {
      const [out, l, ...values] = forwardPlan.run([xv, yv, ...ordered(p)])
      return { yhat: out, loss: l.data[0], tape: values }
    },
    backward: (fwd, xv, yv, p) => {
      const gs = backwardPlan.run([...fwd.tape, xv, yv, ...ordered(p)])
      return Object.fromEntries(params.map((d, i) => [d.name, { shape: d.shape, data: gs[i].data }]))
    },
    predict: (xv, p) => predictPlan.run([xv, ...ordered(p)])[0],
    evaluate: (xv, yv, p) => {
      const [out, l] = evaluatePlan.run([xv, yv, ...ordered(p)])
      return { yhat: out, loss: l.data[0] }
    },
    model,
    options,
    withLoss: (other) => compileNet(model, other, options),
    plans: { forward: forwardPlan, backward: backwardPlan, predict: predictPlan, evaluate: evaluatePlan },
  }
}
