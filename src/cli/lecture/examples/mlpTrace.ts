/**
 * One forward and one backward pass of a two-layer MLP on one example, step by step as the
 * lecture's Algorithms 6.3 and 6.4 write them, with the regularizer λΩ(θ) = λ·½Σ‖W‖². Every
 * value is read from the compiled graph (float64) and checked against the algorithm's own
 * arithmetic and against central finite differences of J.
 */
import { compileNet } from '../../../graph/net.js'
import type { Node } from '../../../graph/node.js'
import { grad } from '../../../graph/grad.js'
import { compile64 } from '../../../graph/plan.js'
import { relu } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { serial } from '../../../layers/serial.js'
import { mse } from '../../../losses/mse.js'
import { penalty } from '../../../losses/regularization.js'
import type { Tensor64 } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'
import { mlpAlgorithm, mlpPicture } from '../support/mlpSteps.js'
import { sheet } from '../support/sheet.js'

const lambda = 0.1
const x = [1, -2]
const y = [0.5]
const W1 = [[0.5, -0.3], [-0.8, 0.2], [0.3, -0.1]]
const b1 = [0.1, -0.2, 0.05]
const W2 = [[0.7, -0.5, 0.9]]
const b2 = [0.1]

const t64 = (rows: readonly (readonly number[])[]): Tensor64 => ({ shape: [rows.length, rows[0].length], data: Float64Array.from(rows.flat()) })
const vec64 = (v: readonly number[]): Tensor64 => ({ shape: [v.length], data: Float64Array.from(v) })
// −0 (from relu′ = 0 times a negative g) would print as 0 anyway; normalized so the values equal their JSON.
const plain = (t: Tensor64): number[] => Array.from(t.data, (v) => (v === 0 ? 0 : v))
const maxDiff = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])))

/** The 2-3-1 ReLU net's forward values, back-propagated gradients g, and parameter gradients on one example. */
export const mlpTrace = async (): Promise<Shown> => {
  const net = compileNet(serial(dense({ units: 3 }), relu(), dense({ units: 1 })), mse, { inputs: 2, penalty: penalty({ l2: lambda }) })
  const output = (kind: string, i = 0): Node => {
    const found = net.layers.filter((l) => l.kind === kind)[i]
    if (found === undefined) throw new Error(`mlp-trace: no ${kind} layer ${i}`)
    return found.output
  }
  const [a1, h1] = [output('dense', 0), output('relu')]
  // grad again on the same graph: the builder merges equal nodes, so these are the g's the backward plan computes.
  const [gYhat, gH1, gA1, gX] = grad(net.graph, net.objective, [net.yhat, h1, a1, net.x])
  const feeds = [net.x, net.y, ...net.params.map((p) => p.node)]
  const params: Record<string, Tensor64> = { '0.weight': t64(W1), '0.bias': vec64(b1), '2.weight': t64(W2), '2.bias': vec64(b2) }
  const values = [t64([x]), t64([y]), ...net.params.map((p) => params[p.name])]
  const outs = [a1, h1, net.yhat, net.loss, net.objective, gYhat, gH1, gA1, gX, ...net.grads]
  const [va1, vh1, vyhat, vloss, vJ, vgy, vgh1, vga1, vgx, ...vgrads] = compile64(outs, feeds).run(values).map(plain)

  const objective = compile64([net.objective], feeds)
  const h = 1e-6
  const finite = net.params.map((p, k) =>
    Array.from(params[p.name].data, (_, i) => {
      const at = (d: number) => {
        const moved = values.map((v, j) => (j === k + 2 ? { shape: v.shape, data: v.data.map((e, m) => (m === i ? e + d : e)) } : v))
        return objective.run(moved)[0].data[0]
      }
      return (at(h) - at(-h)) / (2 * h)
    }),
  )
  const algorithm = mlpAlgorithm({ x, y, W1, b1, W2, b2, lambda })
  const graph = {
    ...{ a1: va1, h1: vh1, a2: vyhat, L: vloss[0], J: vJ[0] },
    ...{ gYhat: vgy, gH1: vgh1, gA1: vga1, gX: vgx },
    ...{ W1: vgrads[0], b1: vgrads[1], W2: vgrads[2], b2: vgrads[3] },
  }
  const gradients = Object.fromEntries(net.params.map((p, k) => [p.name, vgrads[k]]))
  const finiteDifferences = Object.fromEntries(net.params.map((p, k) => [p.name, finite[k]]))
  const fdGap = Math.max(...net.params.map((_, k) => maxDiff(vgrads[k], finite[k])))
  const algoGap = Math.max(
    ...(['a1', 'h1', 'a2', 'gYhat', 'gH1', 'gA1', 'gX', 'W1', 'b1', 'W2', 'b2'] as const).map((k) => maxDiff(graph[k], algorithm[k])),
    Math.abs(graph.L - algorithm.L),
    Math.abs(graph.J - algorithm.J),
  )
  const svg = sheet([mlpPicture({ x, y, W1, W2, lambda, graph, fdGap })], {
    title: 'One example through a 2-3-1 ReLU MLP: forward (Algorithm 6.3) and back-propagation (Algorithm 6.4)',
  })
  return {
    json: {
      network: '2-3-1: h(1) = relu(a(1)), ŷ = a(2) (linear output), L = (ŷ − y)², Ω = ½(‖W(1)‖² + ‖W(2)‖²), biases not penalized',
      lambda,
      example: { x, y },
      params: { W1, b1, W2, b2 },
      forward: [
        { step: 'h(0) = x', value: x },
        { step: 'a(1) = b(1) + W(1) h(0)', value: va1 },
        { step: 'h(1) = f(a(1)) = relu(a(1))', value: vh1 },
        { step: 'a(2) = b(2) + W(2) h(1)', value: vyhat },
        { step: 'ŷ = h(2) = a(2)', value: vyhat },
        { step: 'L = (ŷ − y)²', value: vloss[0] },
        { step: 'λΩ = λ·½(‖W(1)‖² + ‖W(2)‖²)', value: vJ[0] - vloss[0] },
        { step: 'J = L + λΩ', value: vJ[0] },
      ],
      backward: [
        { step: 'g ← ∇ŷ J = ∇ŷ L = 2(ŷ − y)', value: vgy },
        { step: 'k = 2: g ← ∇a(2) J = g ⊙ f′(a(2)), f the identity', value: vgy },
        { step: '∇b(2) J = g + λ∇b(2) Ω = g', value: vgrads[3] },
        { step: '∇W(2) J = g h(1)ᵀ + λ W(2)', value: vgrads[2] },
        { step: 'g ← ∇h(1) J = W(2)ᵀ g', value: vgh1 },
        { step: 'k = 1: g ← ∇a(1) J = g ⊙ relu′(a(1))', value: vga1 },
        { step: '∇b(1) J = g', value: vgrads[1] },
        { step: '∇W(1) J = g h(0)ᵀ + λ W(1)', value: vgrads[0] },
        { step: 'g ← ∇h(0) J = ∇x J = W(1)ᵀ g', value: vgx },
      ],
      gradients,
      finiteDifferences,
      finiteDifferenceStep: h,
      maxDifference: { graphVsAlgorithm: algoGap, graphVsFiniteDifferences: fdGap },
    },
    svg,
  }
}
