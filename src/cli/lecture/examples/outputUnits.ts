/**
 * The lecture's table of output units, each with the cost that undoes its saturation and trained
 * on a small problem it suits: Bernoulli → sigmoid + binary cross-entropy, Multinoulli → softmax
 * + cross-entropy, Gaussian → linear + MSE, mixture of Gaussians → mixture density + its NLL.
 */
import { lineChart } from '../../plot/charts/lines.js'
import { decisionRegions, sampleGrid } from '../../plot/charts/regions.js'
import { classMarks } from '../../plot/charts/scatter.js'
import { toSvg } from '../../plot/figure.js'
import type { Panel } from '../../plot/scene.js'
import type { Layer } from '../../../graph/layer.js'
import type { Loss } from '../../../graph/loss.js'
import { type Net, compileNet } from '../../../graph/net.js'
import { sigmoid, softmax, tanh } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { mdn } from '../../../layers/mdn.js'
import { serial } from '../../../layers/serial.js'
import { binaryCrossEntropy } from '../../../losses/binaryCrossEntropy.js'
import { crossEntropy } from '../../../losses/crossEntropy.js'
import { mdnNll } from '../../../losses/mdnNll.js'
import { mse } from '../../../losses/mse.js'
import { adam } from '../../../optim/adam.js'
import { evaluateBatches } from '../../../pipeline/evaluate.js'
import type { Params } from '../../../tensor/params.js'
import { type Key, fold, key } from '../../../tensor/random.js'
import { tensor } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'
import { fit, numbered, shuffledBatches, wholeSet } from '../support/fit.js'
import { densityGrid } from '../support/mixture.js'
import { type Rows, blobs, circle, disk, noisySine } from '../support/toyData.js'

interface Pairing {
  readonly distribution: string
  readonly unit: string
  readonly cost: string
  readonly problem: string
  readonly data: (k: Key, n: number) => Rows
  readonly inputs: number
  readonly head: readonly Layer[]
  readonly loss: Loss
  readonly draw: (net: Net, params: Params, train: Rows, title: string) => Panel
}

const hidden = (units: number): Layer[] => [dense({ units }), tanh()]

/** The panel with its markers drawn at `size` px, so dense samples leave the curve or map under them visible. */
const smallPoints = (panel: Panel, size = 3.5): Panel => ({
  ...panel,
  marks: panel.marks.map((m) => (m.kind === 'points' ? { ...m, size } : m)),
})

const pointsOf = (rows: Rows, count: number) =>
  rows.x.slice(0, count).map((x, i) => ({ x: x[0], y: x[1], cls: rows.y[i].length === 1 ? rows.y[i][0] : rows.y[i].indexOf(1) }))

/** The network's output at (a, b) for a 2-input net: column `j` of its prediction. */
const at = (net: Net, params: Params, j: number) => (a: number, b: number) => net.predict(tensor([1, 2], [a, b]), params).data[j]

const pairings: readonly Pairing[] = [
  {
    distribution: 'Bernoulli',
    unit: 'sigmoid',
    cost: 'binary cross-entropy',
    problem: 'inside or outside a disk of radius 1.2 in [−2, 2]²',
    data: disk,
    inputs: 2,
    head: [...hidden(16), dense({ units: 1 }), sigmoid()],
    loss: binaryCrossEntropy,
    draw: (net, params, train, title) => ({
      ...decisionRegions({
        title,
        grid: sampleGrid(at(net, params, 0), [-2, 2], [-2, 2], 70, 70),
        fill: { kind: 'values', colormap: 'diverging', domain: [0, 1] },
        colorBar: 'p(y = 1 | x)',
        points: pointsOf(train, 120),
        equalAspect: true,
      }),
      legend: 'none',
    }),
  },
  {
    distribution: 'Multinoulli',
    unit: 'softmax',
    cost: 'cross-entropy',
    problem: 'three Gaussian blobs',
    data: blobs,
    inputs: 2,
    head: [...hidden(16), dense({ units: 3 }), softmax()],
    loss: crossEntropy,
    draw: (net, params, train, title) => {
      const probs = (a: number, b: number) => Array.from(net.predict(tensor([1, 2], [a, b]), params).data)
      const argmax = (a: number, b: number) => {
        const p = probs(a, b)
        return p.indexOf(Math.max(...p))
      }
      const grid = sampleGrid(argmax, [-4, 4], [-4, 4], 70, 70)
      return { ...decisionRegions({ title, grid, points: pointsOf(train, 150), equalAspect: true }), legend: 'none' }
    },
  },
  {
    distribution: 'Gaussian',
    unit: 'linear',
    cost: 'MSE',
    problem: 'y = sin x + 0.3 cos 3x + noise',
    data: noisySine,
    inputs: 1,
    head: [...hidden(32), dense({ units: 1 })],
    loss: mse,
    draw: (net, params, train, title) => {
      const xs = Array.from({ length: 121 }, (_, i) => -3 + i / 20)
      const fitted = Array.from(net.predict(tensor([xs.length, 1], xs), params).data)
      return smallPoints({
        title,
        x: { label: 'x' },
        y: { label: 'y' },
        legend: 'none',
        marks: [
          ...classMarks(train.x.map((x, i) => ({ x: x[0], y: train.y[i][0] }))),
          ...lineChart({ series: [{ name: 'ŷ(x)', x: xs, y: fitted, color: '#EE6677' }] }).marks,
        ],
      })
    },
  },
  {
    distribution: 'Mixture of Gaussians',
    unit: 'mixture density (K = 2)',
    cost: 'negative log-likelihood',
    problem: 'a circle: y = ±√(1 − x²) + noise',
    data: circle,
    inputs: 1,
    head: [...hidden(32), dense({ units: 6 }), mdn({ components: 2 })],
    loss: mdnNll,
    draw: (net, params, train, title) => smallPoints({
      ...decisionRegions({
        title,
        grid: densityGrid(net, params, 2, [-1.1, 1.1], [-1.4, 1.4], 70, 70),
        fill: { kind: 'values', colormap: 'viridis', domain: [0, 4] },
        colorBar: 'p(y | x)',
        points: train.x.slice(0, 150).map((x, i) => ({ x: x[0], y: train.y[i][0], cls: 4 })),
        x: { label: 'x' },
        y: { label: 'y' },
      }),
      legend: 'none',
    }, 3),
  },
]

const trainSize = 400
const epochs = 40

/** Trains each pairing on its problem with Adam and reports its final train and test loss. */
export const outputUnits = async (): Promise<Shown> => {
  const results = []
  const panels: Panel[] = []
  for (const [i, p] of pairings.entries()) {
    const k = fold(key(6), i)
    const train = p.data(fold(k, 0), trainSize)
    const test = p.data(fold(k, 1), trainSize)
    const net = compileNet(serial(...p.head), p.loss, { inputs: p.inputs })
    const samples = numbered(train.x.map((x, j) => ({ x, y: train.y[j] })))
    const fitted = await fit(net, adam({ learningRate: 0.02 }), net.init(fold(k, 2)), shuffledBatches(samples, 32, epochs, fold(k, 3)))
    const onTrain = evaluateBatches(net, fitted.params, [wholeSet(samples)])
    const onTest = evaluateBatches(net, fitted.params, [wholeSet(numbered(test.x.map((x, j) => ({ x, y: test.y[j] }))))])
    results.push({
      distribution: p.distribution,
      outputUnit: p.unit,
      cost: p.cost,
      problem: p.problem,
      steps: fitted.losses.length,
      finalLoss: onTrain.loss,
      testLoss: onTest.loss,
      ...(onTest.accuracy === null ? {} : { testAccuracy: onTest.accuracy }),
    })
    const score = onTest.accuracy === null ? `test loss ${onTest.loss.toFixed(3)}` : `test accuracy ${(100 * onTest.accuracy).toFixed(1)}%`
    panels.push(p.draw(net, fitted.params, train, `${p.unit} + ${p.cost}: ${score}`))
  }
  const svg = toSvg({ title: 'Output units and their costs, each on a problem it suits', panels, columns: 2, width: 520, height: 380 })
  return { json: { trainedWith: `Adam (η = 0.02), batches of 32, ${epochs} epochs of ${trainSize} samples`, pairings: results }, svg }
}
