/**
 * Symbol-to-symbol derivatives (the lecture's Figure 6.10): `grad` does not compute numbers, it
 * extends the graph with nodes that compute the gradient, which can then be compiled, drawn, or
 * differentiated again. Drawn for a 2-3-1 ReLU net with MSE: the forward graph, and the same
 * graph after `compileNet` has added the derivative nodes.
 */
import { reachable, toDot } from '../../../graph/dot.js'
import { compileNet } from '../../../graph/net.js'
import type { Node } from '../../../graph/node.js'
import { relu } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { serial } from '../../../layers/serial.js'
import { mse } from '../../../losses/mse.js'
import { showShape } from '../../../tensor/shape.js'
import type { Shown } from '../example.js'
import { type NodeStyle, backward, drawGraph } from '../support/graphDrawing.js'
import { sheet } from '../support/sheet.js'

/** Short op names for the boxes (the DOT text keeps the full ones). */
const pretty = (n: Node): string =>
  n.kind !== 'op' ? n.name : n.name === 'fillLike(1)' ? 'ones (seed)' : n.name === 'divByCount(rows)' ? '÷ batch size' : n.name

/** The forward graph and the derivative graph of a small net, drawn side by side, with their DOT text. */
export const derivativeGraph = async (): Promise<Shown> => {
  const net = compileNet(serial(dense({ units: 3 }), relu(), dense({ units: 1 })), mse, { inputs: 2 })
  const forward = reachable([net.loss])
  const all = reachable([net.loss, ...net.grads])
  const isForward = new Set(forward.map((n) => n.id))
  const gradOf = new Map(net.grads.map((g, i) => [g.id, net.params[i].name]))
  const base: NodeStyle = {
    label: pretty,
    detail: (n) => (gradOf.has(n.id) ? `= ∂J/∂${gradOf.get(n.id)} ${showShape(n.shape)}` : showShape(n.shape)),
    fill: (n) => (n.kind === 'input' ? '#e8f4dc' : n.kind === 'param' ? '#dde8f8' : isForward.has(n.id) ? '#ffffff' : '#fde3cc'),
    bold: (n) => gradOf.has(n.id) || n.id === net.loss.id,
  }
  const row = backward(forward, all)
  const rows = Math.max(...row.values())
  const svg = sheet(
    [
      [
        drawGraph(forward, base, { title: `Forward graph: ${forward.length} nodes`, width: 340, rows, placement: { row } }),
        drawGraph(all, { ...base, faded: (n) => isForward.has(n.id) }, {
          title: `With its derivative graph: ${all.length} nodes`,
          width: 820,
          rows,
          placement: { row, right: (n) => !isForward.has(n.id) },
        }),
      ],
    ],
    {
      title: 'grad builds the derivative as more graph (2-3-1 ReLU net, MSE): J = mean((W₂ relu(W₁x + b₁) + b₂ − y)²)',
      notes: [
        'Green: inputs; blue: parameters; white: forward ops; orange: ops grad added. ' +
          'Bold: the loss J and its gradients ∂J/∂θ. Dashed edges read only a shape.',
        `The forward plan runs ${net.plans.forward.schedule.length} ops and keeps the values backward reads; ` +
          `the backward plan runs ${net.plans.backward.schedule.length} more.`,
      ],
    },
  )
  return {
    json: {
      model: 'serial(dense(3), relu, dense(1)) on 2 inputs, MSE',
      forwardNodes: forward.length,
      derivativeNodes: all.length,
      addedByGrad: all.length - forward.length,
      gradients: net.params.map((p, i) => ({ param: p.name, node: net.grads[i].id, op: net.grads[i].name })),
      plans: { forwardOps: net.plans.forward.schedule.length, backwardOps: net.plans.backward.schedule.length },
      dot: { forward: toDot('forward', [net.loss]), derivative: toDot('derivative', [net.loss, ...net.grads]) },
    },
    svg,
  }
}
