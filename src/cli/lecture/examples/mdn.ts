/**
 * An inverse problem with several answers per input (Bishop 1994): y ~ U(0, 1),
 * x = y + 0.3·sin(2πy) + U(−0.1, 0.1), and we predict y from x. Least squares fits the
 * conditional mean, which falls between the branches; a mixture density network models
 * p(y | x) and recovers the branches.
 */
import { lineChart } from '../../plot/charts/lines.js'
import { decisionRegions } from '../../plot/charts/regions.js'
import { toSvg } from '../../plot/figure.js'
import type { Mark, Panel } from '../../plot/scene.js'
import type { Layer } from '../../../graph/layer.js'
import type { Loss } from '../../../graph/loss.js'
import { compileNet } from '../../../graph/net.js'
import { tanh } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { mdn as mdnHead } from '../../../layers/mdn.js'
import { serial } from '../../../layers/serial.js'
import { mdnNll } from '../../../losses/mdnNll.js'
import { mse } from '../../../losses/mse.js'
import { adam } from '../../../optim/adam.js'
import { evaluateBatches } from '../../../pipeline/evaluate.js'
import { fold, key } from '../../../tensor/random.js'
import { tensor } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'
import { fit, numbered, shuffledBatches, wholeSet } from '../support/fit.js'
import { type Mixture, densityGrid, predictMixtures } from '../support/mixture.js'
import { invertedSine } from '../support/toyData.js'

const components = 3
const samples = 1000
const epochs = 100
/** Components lighter than this are not counted as branches: their means are unconstrained. */
const branchWeight = 0.1

const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length

/** Least squares and a mixture density network trained on the same data; test NLL and MSE of both. */
export const mdn = async (): Promise<Shown> => {
  const k = key(11)
  const train = invertedSine(fold(k, 0), samples)
  const test = invertedSine(fold(k, 1), samples)
  const trainSet = numbered(train.x.map((x, i) => ({ x, y: train.y[i] })))
  const testSet = wholeSet(numbered(test.x.map((x, i) => ({ x, y: test.y[i] }))))
  const trainNet = async (layers: readonly Layer[], loss: Loss, seed: number) => {
    const net = compileNet(serial(dense({ units: 24 }), tanh(), ...layers), loss, { inputs: 1 })
    const fitted = await fit(net, adam({ learningRate: 0.01 }), net.init(fold(k, seed)), shuffledBatches(trainSet, 50, epochs, fold(k, seed + 1)))
    return { net, params: fitted.params }
  }
  const ls = await trainNet([dense({ units: 1 })], mse, 2)
  const md = await trainNet([dense({ units: components * 3 }), mdnHead({ components })], mdnNll, 4)

  const ys = test.y.map((y) => y[0])
  const xs = test.x.map((x) => x[0])
  // Least squares as a density: a Gaussian around ŷ whose variance is the training MSE (its maximum-likelihood value).
  const variance = evaluateBatches(ls.net, ls.params, [wholeSet(trainSet)]).loss
  const fitted = Array.from(ls.net.predict(tensor([xs.length, 1], xs), ls.params).data)
  const lsErrors = fitted.map((f, i) => (ys[i] - f) ** 2)
  const lsNll = mean(lsErrors.map((e) => 0.5 * Math.log(2 * Math.PI * variance) + e / (2 * variance)))
  const mixtures = predictMixtures(md.net, md.params, xs, components)
  const mixtureMean = (m: Mixture) => m.pi.reduce((s, p, j) => s + p * m.mu[j], 0)
  const mode = (m: Mixture) => m.mu[m.pi.indexOf(Math.max(...m.pi))]
  const nearest = (m: Mixture, y: number) => Math.min(...m.mu.filter((_, j) => m.pi[j] >= branchWeight).map((mu) => (y - mu) ** 2))
  const result = {
    leastSquares: { nll: lsNll, mse: mean(lsErrors), variance },
    mixtureDensity: {
      nll: evaluateBatches(md.net, md.params, [testSet]).loss,
      mse: mean(mixtures.map((m, i) => (ys[i] - mixtureMean(m)) ** 2)),
      modeMse: mean(mixtures.map((m, i) => (ys[i] - mode(m)) ** 2)),
      bestBranchMse: mean(mixtures.map((m, i) => nearest(m, ys[i]))),
    },
  }

  const grid = Array.from({ length: 161 }, (_, i) => -0.15 + (1.3 * i) / 160)
  const lsLine = Array.from(ls.net.predict(tensor([grid.length, 1], grid), ls.params).data)
  const gridMixtures = predictMixtures(md.net, md.params, grid, components)
  const data: Mark = { kind: 'points', name: 'test samples', x: xs.slice(0, 400), y: ys.slice(0, 400), size: 2.5, color: '#9aa7b8' }
  const axes = { x: { label: 'x', domain: [-0.15, 1.15] as const }, y: { label: 'y', domain: [-0.1, 1.1] as const } }
  const branches: Mark[] = Array.from({ length: components }, (_, j) => {
    const on = grid.map((_, i) => gridMixtures[i].pi[j] >= branchWeight)
    return {
      kind: 'points',
      name: `μ${j + 1}(x)`,
      x: grid.filter((_, i) => on[i]),
      y: gridMixtures.filter((_, i) => on[i]).map((m) => m.mu[j]),
      size: 3,
    }
  })
  const panels: Panel[] = [
    {
      title: `Least squares: one answer, between the branches (test MSE ${result.leastSquares.mse.toFixed(3)})`,
      ...axes,
      marks: [data, { kind: 'line', name: 'least-squares fit ŷ(x)', x: grid, y: lsLine, color: '#EE6677', width: 2.5 }],
    },
    {
      ...decisionRegions({
        title: `Mixture density: p(y | x) (test NLL ${result.mixtureDensity.nll.toFixed(2)} vs ${lsNll.toFixed(2)})`,
        grid: densityGrid(md.net, md.params, components, [-0.15, 1.15], [-0.1, 1.1], 90, 90),
        fill: { kind: 'values', colormap: 'viridis', domain: [0, 5] },
        colorBar: 'p(y | x)',
        ...axes,
      }),
      legend: 'none',
    },
    { title: `Branches: μₖ(x) where πₖ(x) ≥ ${branchWeight}`, ...axes, marks: [data, ...branches], legend: 'none' },
    lineChart({
      title: 'Mixing coefficients πₖ(x)',
      series: Array.from({ length: components }, (_, j) => ({ name: `π${j + 1}(x)`, x: grid, y: gridMixtures.map((m) => m.pi[j]) })),
      x: axes.x,
      y: { label: 'π', domain: [0, 1] },
    }),
  ]
  const svg = toSvg({ title: 'Predicting y from x = y + 0.3 sin(2πy) + noise: one answer vs a mixture', panels, columns: 2, width: 520, height: 380 })
  return {
    json: {
      problem: 'y ~ U(0, 1), x = y + 0.3·sin(2πy) + U(−0.1, 0.1); predict y from x',
      samples: { train: samples, test: samples },
      models:
        `1-24-1 tanh net on MSE; 1-24-${components * 3} tanh net with a ${components}-component mixture density head ` +
        `on its NLL; Adam (η = 0.01), batches of 50, ${epochs} epochs`,
      nllOfLeastSquares: 'Gaussian around ŷ(x) with the training MSE as variance',
      bestBranch: `squared distance to the nearest component mean with π ≥ ${branchWeight}`,
      ...result,
    },
    svg,
  }
}
