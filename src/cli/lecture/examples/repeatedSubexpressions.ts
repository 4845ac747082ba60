/**
 * Repeated subexpressions (the lecture's x = f(w), y = f(x), z = f(y)): back-propagation
 * computes dz/dw = f′(y)·f′(x)·f′(w) from values the forward pass already has, so each f and
 * each f′ is evaluated once. Written out as the expression f′(f(f(w)))·f′(f(w))·f′(w), the same
 * derivative evaluates f(w) again in every factor that needs it. Both are compiled and run with
 * ops that count their evaluations.
 */
import { barChart } from '../../plot/charts/bars.js'
import { reachable } from '../../../graph/dot.js'
import { builder } from '../../../graph/builder.js'
import { grad } from '../../../graph/grad.js'
import { compile } from '../../../graph/plan.js'
import { tensor } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'
import { type Tally, f, fPrime } from '../support/countedOps.js'
import { backward, drawGraph } from '../support/graphDrawing.js'
import { sheet } from '../support/sheet.js'

const w0 = 0.5
const at = tensor([1, 1], [w0])
const labels = ['f(w)', 'f(f(w))', 'f(f(f(w)))', 'f′(w)', 'f′(f(w))', 'f′(f(f(w)))']

/** z and dz/dw by back-propagation on the graph of x = f(w), y = f(x), z = f(y). */
const byBackprop = () => {
  const tally: Tally = new Map()
  const g = builder()
  const w = g.input('w', [1, 1])
  const x = f(g, w, labels[0], tally, labels[3])
  const y = f(g, x, labels[1], tally, labels[4])
  const z = f(g, y, labels[2], tally, labels[5])
  const again = f(g, w, 'f(w), built a second time', tally)
  const [dzdw] = grad(g, z, [w])
  const [zv, dv] = compile([z, dzdw], [w]).run([at])
  return {
    tally,
    value: zv.data[0],
    derivative: dv.data[0],
    merged: again.id === x.id,
    chain: [w, x, y, z],
    nodes: reachable([z, dzdw]),
    forward: reachable([z]),
  }
}

/** z = f(f(f(w))) and f′(f(f(w)))·f′(f(w))·f′(w) as separate expression trees, nothing shared. */
const byExpansion = () => {
  const tally: Tally = new Map()
  const g = builder()
  const w = g.input('w', [1, 1])
  let unique = 0
  const tree = (depth: number): typeof w => (depth === 0 ? w : f(g, tree(depth - 1), labels[depth - 1], tally, '', `f#${unique++}`))
  const z = tree(3)
  const dzdw = g.mul(g.mul(fPrime(g, tree(2), labels[5], tally), fPrime(g, tree(1), labels[4], tally)), fPrime(g, w, labels[3], tally))
  const [zv, dv] = compile([z, dzdw], [w]).run([at])
  return { tally, value: zv.data[0], derivative: dv.data[0] }
}

/** Evaluations per node in the compiled plans, by back-propagation and by expanding the expression. */
export const repeatedSubexpressions = async (): Promise<Shown> => {
  const bp = byBackprop()
  const ex = byExpansion()
  const count = (t: Tally) => Object.fromEntries(labels.map((l) => [l, t.get(l) ?? 0]))
  const total = (t: Tally, prefix: string) => labels.filter((l) => l.startsWith(prefix)).reduce((s, l) => s + (t.get(l) ?? 0), 0)
  // What each node of the drawing is called, and which tally counts its evaluations.
  const [w, x, y, z] = bp.chain
  const shown = new Map([[w.id, 'w'], [x.id, 'x = f(w)'], [y.id, 'y = f(x)'], [z.id, 'z = f(y)']])
  const tallied = new Map([[x.id, labels[0]], [y.id, labels[1]], [z.id, labels[2]]])
  for (const n of bp.nodes) {
    const i = bp.chain.slice(0, 3).findIndex((m) => n.name === 'f′' && m.id === n.inputs[0].id)
    if (i < 0) continue
    shown.set(n.id, `f′(${'wxy'[i]})`)
    tallied.set(n.id, labels[3 + i])
  }
  const forwardIds = new Set(bp.forward.map((n) => n.id))
  const row = backward(bp.forward, bp.nodes)
  const graph = drawGraph(
    bp.nodes,
    {
      label: (n) => shown.get(n.id) ?? (n.name === 'fillLike(1)' ? 'ones (seed)' : n.name === 'mul' ? '×' : n.name),
      detail: (n) => {
        const key = tallied.get(n.id)
        if (key !== undefined) return `evaluated ${bp.tally.get(key) ?? 0}×`
        return n.kind === 'input' ? 'fed' : n.id === bp.nodes[bp.nodes.length - 1].id ? '= dz/dw' : ''
      },
      fill: (n) => (n.kind === 'input' ? '#e8f4dc' : forwardIds.has(n.id) ? '#ffffff' : '#fde3cc'),
      bold: (n) => n.id === bp.nodes[bp.nodes.length - 1].id,
    },
    { title: 'x = f(w), y = f(x), z = f(y) and dz/dw', width: 460, placement: { row, right: (n) => !forwardIds.has(n.id) } },
  )
  const bars = barChart({
    title: 'Evaluations per subexpression for z and dz/dw',
    categories: labels,
    series: [
      { name: 'back-propagation', values: labels.map((l) => bp.tally.get(l) ?? 0) },
      { name: 'expression written out', values: labels.map((l) => ex.tally.get(l) ?? 0) },
    ],
    y: { label: 'evaluations', domain: [0, 3.6], ticks: [0, 1, 2, 3] },
    showValues: true,
  })
  const svg = sheet([[graph, { panel: bars, width: 560, height: graph.height }]], {
    title: 'Back-propagation evaluates each f and f′ once (f = sin, w = 0.5)',
    notes: [
      `Back-propagation: ${total(bp.tally, 'f(')} evaluations of f and ${total(bp.tally, 'f′')} of f′; ` +
        `the expression written out: ${total(ex.tally, 'f(')} of f and ${total(ex.tally, 'f′')} of f′. ` +
        `Both give dz/dw = ${bp.derivative.toFixed(6)}.`,
      'Building f(w) a second time returns the same node: the builder merges equal applications, so sharing is the default.',
    ],
  })
  return {
    json: {
      f: 'sin',
      w: w0,
      backpropagation: {
        evaluations: count(bp.tally),
        fCalls: total(bp.tally, 'f('),
        fPrimeCalls: total(bp.tally, 'f′'),
        z: bp.value,
        dzdw: bp.derivative,
      },
      expressionWrittenOut: {
        expression: 'z = f(f(f(w))) and dz/dw = f′(f(f(w))) · f′(f(w)) · f′(w), each a tree of its own',
        evaluations: count(ex.tally),
        fCalls: total(ex.tally, 'f('),
        fPrimeCalls: total(ex.tally, 'f′'),
        z: ex.value,
        dzdw: ex.derivative,
      },
      chainRule: Math.cos(Math.sin(Math.sin(w0))) * Math.cos(Math.sin(w0)) * Math.cos(w0),
      sameNodeWhenBuiltTwice: bp.merged,
    },
    svg,
  }
}
