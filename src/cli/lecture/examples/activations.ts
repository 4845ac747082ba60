/**
 * The hidden units of the lecture and their derivatives. Each unit is the library's layer applied
 * to a graph; its derivative is the symbolic gradient `grad` builds (of Σ unit(x), so for an
 * elementwise unit it is the derivative at each x), never a formula written by hand.
 */
import { toSvg } from '../../plot/figure.js'
import { linspace } from '../../plot/charts/functions.js'
import type { Panel } from '../../plot/scene.js'
import { builder } from '../../../graph/builder.js'
import { grad } from '../../../graph/grad.js'
import { type Layer, rootScope } from '../../../graph/layer.js'
import { compile } from '../../../graph/plan.js'
import { abs, leakyRelu, relu, sigmoid, tanh } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { maxout } from '../../../layers/maxout.js'
import { prelu } from '../../../layers/prelu.js'
import { serial } from '../../../layers/serial.js'
import { key, splitN } from '../../../tensor/random.js'
import { BATCH } from '../../../tensor/shape.js'
import { type Tensor, tensor } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'

/** softplus(x) = ln(1 + eˣ): no layer of its own (the lecture discourages it), so a one-op layer here. */
const softplus: Layer = {
  kind: 'softplus',
  apply: (g, x, s) => {
    const out = g.softplus(x)
    s.trace('softplus', out)
    return out
  },
}

interface Unit {
  readonly name: string
  readonly formula: string
  readonly layer: Layer
  /** Parameter values by name; a parameter not named keeps its initializer's value. */
  readonly params?: Readonly<Record<string, Tensor>>
}

const units: readonly Unit[] = [
  { name: 'relu', formula: 'max(0, x)', layer: relu() },
  { name: 'abs', formula: '|x|', layer: abs() },
  { name: 'leaky-relu', formula: 'max(0, x) + 0.1·min(0, x)', layer: leakyRelu({ alpha: 0.1 }) },
  { name: 'prelu', formula: 'max(0, x) + a·min(0, x), a learned (starts at 0.25)', layer: prelu() },
  {
    name: 'maxout',
    formula: 'max(−x − 1, 0.5x, 2x − 2): dense(3) then maxout(k = 3)',
    layer: serial(dense({ units: 3 }), maxout({ k: 3 })),
    params: { '0.weight': tensor([3, 1], [-1, 0.5, 2]), '0.bias': tensor([3], [-1, 0, -2]) },
  },
  { name: 'sigmoid', formula: '1 / (1 + e⁻ˣ)', layer: sigmoid() },
  { name: 'tanh', formula: 'tanh(x)', layer: tanh() },
  { name: 'softplus', formula: 'ln(1 + eˣ)', layer: softplus },
]

/** The unit's values and derivatives at `xs`, both computed by one compiled plan. */
const evaluate = (unit: Unit, xs: readonly number[]): { value: number[]; derivative: number[] } => {
  const g = builder()
  const x = g.input('x', [BATCH, 1])
  const { scope, params } = rootScope(g)
  const y = unit.layer.apply(g, x, scope.child('0'))
  const [dydx] = grad(g, g.sumAll(y), [x])
  const keys = splitN(key(0), params.length)
  const values = params.map((p, i) => unit.params?.[p.name.slice(2)] ?? p.init(keys[i], p.shape))
  const [v, d] = compile([y, dydx], [x, ...params.map((p) => p.node)]).run([tensor([xs.length, 1], xs), ...values])
  return { value: Array.from(v.data), derivative: Array.from(d.data) }
}

const samples = [-2, -1, -0.5, 0, 0.5, 1, 2]

/** Each unit and its derivative over [−3, 3], plus values at a few points (derivatives at kinks as the contract fixes them). */
export const activations = async (): Promise<Shown> => {
  const xs = linspace([-3, 3], 241)
  const panels: Panel[] = units.map((u) => {
    const { value, derivative } = evaluate(u, xs)
    return {
      title: u.name,
      x: { domain: [-3, 3] },
      legend: 'none',
      marks: [
        { kind: 'rule', x: 0 },
        { kind: 'rule', y: 0 },
        { kind: 'line', name: u.name, x: xs, y: value },
        { kind: 'line', name: 'derivative (grad)', x: xs, y: derivative, dash: true },
      ],
    }
  })
  const table = units.map((u) => {
    const { value, derivative } = evaluate(u, samples)
    return { name: u.name, formula: u.formula, samples: samples.map((x, i) => ({ x, value: value[i], derivative: derivative[i] })) }
  })
  const svg = toSvg({
    title: 'Hidden units (solid) and their derivatives from the symbolic gradient (dashed)',
    panels,
    columns: 4,
    width: 300,
    height: 240,
  })
  return { json: { derivativesFrom: 'grad(g, Σ unit(x), [x]), compiled and run', units: table }, svg }
}
