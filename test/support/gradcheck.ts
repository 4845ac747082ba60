/** Finite-difference checks in float64: the reference every symbolic gradient is compared with. */
import { type Builder, builder } from '../../src/graph/builder.js'
import { grad } from '../../src/graph/grad.js'
import type { Node } from '../../src/graph/node.js'
import { compile64 } from '../../src/graph/plan.js'
import { type Key, splitN, uniform } from '../../src/tensor/random.js'
import type { Shape } from '../../src/tensor/shape.js'
import type { Tensor64 } from '../../src/tensor/tensor.js'

/** Central difference of f at each entry of x, in float64. */
export const numericGrad = (x: Float64Array, f: (x: Float64Array) => number, h = 1e-6): Float64Array =>
  x.map((_, i) => {
    const at = (d: number) => f(x.map((v, j) => (j === i ? v + d : v)))
    return (at(h) - at(-h)) / (2 * h)
  })

/** The symbolic and the numeric gradient of Σ(f(inputs) ⊙ r) for each input, with r random. */
export const probeGradients = (
  build: (g: Builder, inputs: readonly Node[]) => Node,
  inputs: readonly { shape: Shape; data: Float64Array }[],
  k: Key,
): { symbolic: Float64Array[]; numeric: Float64Array[] } => {
  const g = builder()
  const feeds = inputs.map((t, i) => g.input(`in${i}`, t.shape))
  const out = build(g, feeds)
  const r = uniform(splitN(k, 1)[0], out.shape, -1, 1)
  const objective = g.sumAll(g.mul(out, g.constant(r)))
  const grads = grad(g, objective, feeds)
  const plan = compile64([objective, ...grads], feeds)
  const values: Tensor64[] = inputs.map((t) => ({ shape: t.shape, data: t.data }))
  const [, ...symbolic] = plan.run(values)
  const value = (i: number, xi: Float64Array): number =>
    plan.run(values.map((v, j) => (j === i ? { shape: v.shape, data: xi } : v)))[0].data[0]
  return {
    symbolic: symbolic.map((s) => s.data),
    numeric: inputs.map((t, i) => numericGrad(t.data, (xi) => value(i, xi))),
  }
}

/** Uniform float64 values in [lo, hi) for a shape. */
export const randomInput = (k: Key, shape: Shape, lo = -1, hi = 1): { shape: Shape; data: Float64Array } => ({
  shape,
  data: Float64Array.from(uniform(k, shape, lo, hi).data),
})

/** For a compiled net: symbolic vs numeric gradient of the objective for every parameter, in float64. */
export const probeNet = (
  net: {
    readonly objective: Node
    readonly grads: readonly Node[]
    readonly x: Node
    readonly y: Node
    readonly params: readonly { readonly node: Node; readonly name: string }[]
  },
  x: { shape: Shape; data: Float64Array },
  y: { shape: Shape; data: Float64Array },
  params: readonly { shape: Shape; data: Float64Array }[],
): { names: string[]; symbolic: Float64Array[]; numeric: Float64Array[] } => {
  const feeds = [net.x, net.y, ...net.params.map((p) => p.node)]
  const plan = compile64([net.objective, ...net.grads], feeds)
  const values = [x, y, ...params]
  const [, ...symbolic] = plan.run(values)
  const value = (i: number, pi: Float64Array): number =>
    plan.run(values.map((v, j) => (j === i + 2 ? { shape: v.shape, data: pi } : v)))[0].data[0]
  return {
    names: net.params.map((p) => p.name),
    symbolic: symbolic.map((s) => s.data),
    numeric: params.map((p, i) => numericGrad(p.data, (pi) => value(i, pi))),
  }
}
