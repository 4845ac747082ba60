import { describe, expect, it } from 'vitest'
import type { Builder } from '../../src/graph/builder.js'
import type { Node } from '../../src/graph/node.js'
import { key, splitN } from '../../src/tensor/random.js'
import type { Shape } from '../../src/tensor/shape.js'
import { probeGradients, randomInput } from '../support/gradcheck.js'

type Input = { shape: Shape; data: Float64Array }
type Case = { name: string; build: (g: Builder, x: readonly Node[]) => Node; inputs: (k: readonly ReturnType<typeof key>[]) => Input[] }

/** Values in ±[lo, hi]: random sign, kept away from a kink at 0. */
const awayFromZero = (k: ReturnType<typeof key>, shape: Shape, lo = 0.1, hi = 1): Input => {
  const t = randomInput(k, shape, -1, 1)
  return { shape, data: t.data.map((v) => Math.sign(v || 1) * (lo + (hi - lo) * Math.abs(v))) }
}
const positive = (k: ReturnType<typeof key>, shape: Shape): Input => randomInput(k, shape, 0.5, 2)
const plain = (shape: Shape) => (k: readonly ReturnType<typeof key>[]) => [randomInput(k[0], shape)]
const pair = (a: Shape, b: Shape) => (k: readonly ReturnType<typeof key>[]) => [randomInput(k[0], a), randomInput(k[1], b)]
/** Rows whose entries within each group of k are well separated, so maxout's argmax is stable. */
const separated = (k: ReturnType<typeof key>, shape: Shape): Input => {
  const t = randomInput(k, shape, 0, 1)
  return { shape, data: t.data.map((v, i) => v * 0.1 + ((i * 7) % 5)) }
}

const cases: Case[] = [
  { name: 'matmul A·B', build: (g, [a, b]) => g.matmul(a, b), inputs: pair([3, 4], [4, 5]) },
  { name: 'matmul A·Bᵀ', build: (g, [a, b]) => g.matmul(a, b, { tb: true }), inputs: pair([3, 4], [5, 4]) },
  { name: 'matmul Aᵀ·B', build: (g, [a, b]) => g.matmul(a, b, { ta: true }), inputs: pair([4, 3], [4, 5]) },
  { name: 'matmul Aᵀ·Bᵀ', build: (g, [a, b]) => g.matmul(a, b, { ta: true, tb: true }), inputs: pair([4, 3], [5, 4]) },
  { name: 'add', build: (g, [a, b]) => g.add(a, b), inputs: pair([3, 4], [3, 4]) },
  { name: 'sub', build: (g, [a, b]) => g.sub(a, b), inputs: pair([3, 4], [3, 4]) },
  { name: 'mul', build: (g, [a, b]) => g.mul(a, b), inputs: pair([3, 4], [3, 4]) },
  { name: 'div', build: (g, [a, b]) => g.div(a, b), inputs: (k) => [randomInput(k[0], [3, 4]), positive(k[1], [3, 4])] },
  { name: 'scale', build: (g, [x]) => g.scale(x, -2.5), inputs: plain([3, 4]) },
  { name: 'shift', build: (g, [x]) => g.shift(x, 0.5), inputs: plain([3, 4]) },
  { name: 'neg', build: (g, [x]) => g.neg(x), inputs: plain([3, 4]) },
  { name: 'square', build: (g, [x]) => g.square(x), inputs: plain([3, 4]) },
  { name: 'cube', build: (g, [x]) => g.cube(x), inputs: plain([3, 4]) },
  { name: 'exp', build: (g, [x]) => g.exp(x), inputs: plain([3, 4]) },
  { name: 'log', build: (g, [x]) => g.log(x), inputs: (k) => [positive(k[0], [3, 4])] },
  { name: 'abs', build: (g, [x]) => g.abs(x), inputs: (k) => [awayFromZero(k[0], [3, 4])] },
  { name: 'relu', build: (g, [x]) => g.relu(x), inputs: (k) => [awayFromZero(k[0], [3, 4])] },
  { name: 'leaky-relu', build: (g, [x]) => g.leakyRelu(x, 0.01), inputs: (k) => [awayFromZero(k[0], [3, 4])] },
  { name: 'prelu', build: (g, [x, a]) => g.prelu(x, a), inputs: (k) => [awayFromZero(k[0], [3, 4]), randomInput(k[1], [4], 0, 0.5)] },
  { name: 'sigmoid', build: (g, [x]) => g.sigmoid(x), inputs: plain([3, 4]) },
  { name: 'tanh', build: (g, [x]) => g.tanh(x), inputs: plain([3, 4]) },
  { name: 'softplus', build: (g, [x]) => g.softplus(x), inputs: (k) => [randomInput(k[0], [3, 4], -3, 3)] },
  { name: 'maxout(3)', build: (g, [x]) => g.maxout(x, 3), inputs: (k) => [separated(k[0], [2, 6])] },
  { name: 'softmax', build: (g, [x]) => g.softmax(x), inputs: plain([3, 5]) },
  { name: 'logSoftmax', build: (g, [x]) => g.logSoftmax(x), inputs: plain([3, 5]) },
  { name: 'logSumExp', build: (g, [x]) => g.logSumExp(x), inputs: plain([3, 5]) },
  { name: 'sumRows', build: (g, [x]) => g.sumRows(x), inputs: plain([3, 4]) },
  { name: 'sumCols', build: (g, [x]) => g.sumCols(x), inputs: plain([3, 4]) },
  { name: 'sumAll', build: (g, [x]) => g.sumAll(x), inputs: plain([3, 4]) },
  { name: 'meanRows', build: (g, [x]) => g.meanRows(x), inputs: plain([3, 4]) },
  { name: 'meanCols', build: (g, [x]) => g.meanCols(x), inputs: plain([3, 4]) },
  { name: 'meanAll', build: (g, [x]) => g.meanAll(x), inputs: plain([3, 4]) },
  { name: 'addRow', build: (g, [x, b]) => g.addRow(x, b), inputs: pair([3, 4], [4]) },
  { name: 'mulRow', build: (g, [x, v]) => g.mulRow(x, v), inputs: pair([3, 4], [4]) },
  { name: 'broadcast of a row', build: (g, [v, x]) => g.broadcast(v, x), inputs: pair([1, 4], [3, 4]) },
  { name: 'broadcast of a column', build: (g, [v, x]) => g.broadcast(v, x), inputs: pair([3, 1], [3, 4]) },
  { name: 'sumTo a row', build: (g, [x, v]) => g.sumTo(x, v), inputs: pair([3, 4], [4]) },
  { name: 'sliceCols', build: (g, [x]) => g.sliceCols(x, 1, 3), inputs: plain([3, 4]) },
  { name: 'padCols', build: (g, [x]) => g.padCols(x, 2, 5), inputs: plain([3, 2]) },
  { name: 'concatCols', build: (g, [a, b]) => g.concatCols(a, b), inputs: pair([3, 2], [3, 3]) },
  {
    name: 'softmaxCrossEntropy',
    build: (g, [z, y]) => g.softmaxCrossEntropy(z, y),
    inputs: (k) => [randomInput(k[0], [3, 4], -2, 2), randomInput(k[1], [3, 4], 0, 1)],
  },
  {
    name: 'sigmoidCrossEntropy',
    build: (g, [z, y]) => g.sigmoidCrossEntropy(z, y),
    inputs: (k) => [randomInput(k[0], [3, 4], -3, 3), randomInput(k[1], [3, 4], 0, 1)],
  },
]

describe('every op: vjp against float64 finite differences', () => {
  it.each(cases)('$name', ({ build, inputs }) => {
    const keys = splitN(key(3), 3)
    const { symbolic, numeric } = probeGradients(build, inputs(keys), keys[2])

    symbolic.forEach((s, i) => expect(s).toBeCloseToArray(numeric[i], 1e-7))
  })
})
