/**
 * Universal approximation: one hidden layer of squashing units (tanh, as in Hornik et al. and
 * Cybenko) fits a continuous function on an interval, better as the layer grows. Each width is
 * trained by the same recipe (Adam with a cosine schedule, full batch); the error is measured on
 * a grid four times finer than the training points. (ReLU units would do as well in principle, but
 * with torch's default init this recipe leaves some of them dead on the interval.)
 */
import { lineChart } from '../../plot/charts/lines.js'
import { linspace } from '../../plot/charts/functions.js'
import { toSvg } from '../../plot/figure.js'
import { compileNet } from '../../../graph/net.js'
import { tanh } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { serial } from '../../../layers/serial.js'
import { mse } from '../../../losses/mse.js'
import { adam } from '../../../optim/adam.js'
import { cosineAnnealing } from '../../../optim/schedule.js'
import { fold, key } from '../../../tensor/random.js'
import { tensor } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'
import { fit, fullBatches } from '../support/fit.js'

/** The target: continuous, not a polynomial, with a few bumps to carve. */
const target = (x: number): number => Math.sin(3 * x) + 0.3 * x * x
const interval = [-2, 2] as const
const widths = [1, 2, 4, 8, 16, 32]
const steps = 2500

const column = (xs: readonly number[]) => tensor([xs.length, 1], xs)

/** Fits of f(x) = sin 3x + 0.3x² on [−2, 2] by 1-w-1 tanh nets; mean squared and maximum error per width. */
export const universalApproximation = async (): Promise<Shown> => {
  const xs = linspace(interval, 101)
  const fine = linspace(interval, 401)
  const truth = fine.map(target)
  const fits = []
  for (const [i, w] of widths.entries()) {
    const net = compileNet(serial(dense({ units: w }), tanh(), dense({ units: 1 })), mse, { inputs: 1 })
    const tx = adam({ learningRate: cosineAnnealing({ learningRate: 0.02, tMax: steps }) })
    const { params } = await fit(net, tx, net.init(fold(key(3), i)), fullBatches(column(xs), column(xs.map(target)), steps))
    const yhat = Array.from(net.predict(column(fine), params).data)
    const errors = yhat.map((v, j) => v - truth[j])
    fits.push({ width: w, yhat, mse: errors.reduce((s, e) => s + e * e, 0) / errors.length, maxError: Math.max(...errors.map(Math.abs)) })
  }
  const shown = [1, 2, 4, 32]
  const svg = toSvg({
    title: 'One hidden layer of tanh units approximates sin 3x + 0.3x² on [−2, 2], better as it widens',
    panels: [
      lineChart({
        title: 'Fits of growing width',
        series: [
          ...fits.filter((f) => shown.includes(f.width)).map((f) => ({ name: `${f.width} unit${f.width > 1 ? 's' : ''}`, x: fine, y: f.yhat })),
          { name: 'target', x: fine, y: truth, color: '#222', dash: true },
        ],
        x: { label: 'x', domain: interval },
        y: { label: 'y' },
      }),
      lineChart({
        title: 'Error against width (log–log)',
        series: [
          { name: 'mean squared error', x: widths, y: fits.map((f) => f.mse) },
          { name: 'maximum |error|', x: widths, y: fits.map((f) => f.maxError) },
        ],
        x: { label: 'hidden units', scale: 'log', domain: [1, widths[widths.length - 1]], ticks: widths },
        y: { label: 'error', scale: 'log' },
      }),
    ],
    width: 520,
    height: 360,
  })
  return {
    json: {
      target: 'f(x) = sin(3x) + 0.3x² on [−2, 2]',
      training: `1-w-1 tanh nets, MSE on 101 equispaced points, full batch, Adam with cosine-annealed η from 0.02 over ${steps} steps`,
      errorsOn: '401 equispaced points',
      widths,
      errors: fits.map((f) => f.mse),
      maxErrors: fits.map((f) => f.maxError),
    },
    svg,
  }
}
