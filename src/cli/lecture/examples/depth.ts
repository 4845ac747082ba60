/**
 * Depth at a fixed parameter budget, on the digits (the lecture's Figure 6.7 asks the question on
 * house numbers with convolutional nets; this is its small, fully connected version). Nets with
 * 1 to 5 hidden ReLU layers, each as wide as the budget allows, get the same training budget.
 * What the run measures is reported as is.
 */
import { lineChart } from '../../plot/charts/lines.js'
import { toSvg } from '../../plot/figure.js'
import type { Shown } from '../example.js'
import { type DigitsSize, pooledDigits, pooledDigitsData, side } from '../support/digits.js'
import { type DigitsRun, digitsTraining, smoothed, trainDigits, widestWithin } from '../support/digitsRuns.js'

/** The data and training budget; the defaults are what `lecture depth` runs. */
export interface DepthOptions extends DigitsSize {
  readonly epochs?: number
  readonly budget?: number
  readonly depths?: readonly number[]
}

/** Test accuracy of MLPs of growing depth and (about) equal parameter count. */
export const depth = async ({ epochs = 2, budget = 5000, depths = [1, 2, 3, 4, 5], ...size }: DepthOptions = {}): Promise<Shown> => {
  const data = pooledDigits(size)
  const inputs = side * side
  const runs: DigitsRun[] = []
  for (const d of depths) runs.push(await trainDigits(data, d, widestWithin(budget, inputs, d), epochs, 1))
  const best = runs.reduce((a, b) => (b.testAccuracy > a.testAccuracy ? b : a))
  const window = Math.max(1, Math.round(runs[0].losses.length / 40))
  const svg = toSvg({
    title: `Depth at about ${budget} parameters: ${data.train.length} digits (7×7), ${epochs} epoch${epochs > 1 ? 's' : ''} of Adam`,
    panels: [
      {
        ...lineChart({
          title: `Test accuracy (${data.test.length} digits)`,
          series: [{ name: 'test accuracy', x: runs.map((r) => r.depth), y: runs.map((r) => r.testAccuracy) }],
          x: { label: 'hidden layers', ticks: [...depths] },
          y: { label: 'accuracy' },
          legend: 'none',
        }),
        marks: [
          { kind: 'line', x: runs.map((r) => r.depth), y: runs.map((r) => r.testAccuracy), color: '#4477AA' },
          {
            kind: 'points',
            x: runs.map((r) => r.depth),
            y: runs.map((r) => r.testAccuracy),
            labels: runs.map((r) => `${(100 * r.testAccuracy).toFixed(1)}% (width ${r.width})`),
            color: '#4477AA',
          },
        ],
      },
      lineChart({
        title: `Training loss (means of ${window} steps)`,
        series: runs.map((r) => ({ name: `${r.depth} × ${r.width} (${r.parameters} params)`, ...smoothed(r.losses, window) })),
        x: { label: 'step' },
        y: { label: 'cross-entropy', scale: 'log', domain: [0.2, 3] },
      }),
    ],
    width: 520,
    height: 380,
  })
  return {
    json: {
      data: pooledDigitsData(data),
      training: digitsTraining(epochs),
      budget,
      depths: runs.map((r) => r.depth),
      widths: runs.map((r) => r.width),
      parameters: runs.map((r) => r.parameters),
      testAccuracy: runs.map((r) => r.testAccuracy),
      testLoss: runs.map((r) => r.testLoss),
      finalTrainLoss: runs.map((r) => smoothed(r.losses, window).y.at(-1) ?? Number.NaN),
      best: { depth: best.depth, testAccuracy: best.testAccuracy },
      deeperIsBetter: runs.every((r, i) => i === 0 || r.testAccuracy >= runs[i - 1].testAccuracy),
    },
    svg,
  }
}
