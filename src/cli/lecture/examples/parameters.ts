/**
 * The number of parameters, shallow against deep (the lecture's Figure 6.8): for several
 * parameter budgets, a one-hidden-layer MLP and a three-hidden-layer MLP, each as wide as the
 * budget allows, trained the same way on the digits. What the run measures is reported as is.
 */
import { lineChart } from '../../plot/charts/lines.js'
import { toSvg } from '../../plot/figure.js'
import { colorOf } from '../../plot/palette.js'
import type { Shown } from '../example.js'
import { type DigitsSize, pooledDigits, pooledDigitsData, side } from '../support/digits.js'
import { type DigitsRun, digitsTraining, trainDigits, widestWithin } from '../support/digitsRuns.js'

/** The data and training budget; the defaults are what `lecture parameters` runs. */
export interface ParametersOptions extends DigitsSize {
  readonly epochs?: number
  readonly budgets?: readonly number[]
}

const families = [
  { name: 'shallow (1 hidden layer)', depth: 1 },
  { name: 'deep (3 hidden layers)', depth: 3 },
]

/** Test accuracy against parameter count for a shallow and a deep family of ReLU MLPs. */
export const parameters = async ({ epochs = 2, budgets = [1000, 2000, 4000, 8000], ...size }: ParametersOptions = {}): Promise<Shown> => {
  const data = pooledDigits(size)
  const inputs = side * side
  const runs: DigitsRun[][] = []
  for (const f of families) {
    const family: DigitsRun[] = []
    for (const b of budgets) family.push(await trainDigits(data, f.depth, widestWithin(b, inputs, f.depth), epochs, 2))
    runs.push(family)
  }
  const counts = runs.flat().map((r) => r.parameters)
  const xAxis = { label: 'parameters (log)', scale: 'log' as const, domain: [Math.min(...counts) / 1.3, Math.max(...counts) * 1.3] as const }
  const svg = toSvg({
    title: `Parameters, shallow against deep: ${data.train.length} digits (7×7), ${epochs} epoch${epochs > 1 ? 's' : ''} of Adam`,
    panels: [
      {
        ...lineChart({
          title: `Test accuracy (${data.test.length} digits)`,
          series: families.map((f, i) => ({ name: f.name, x: runs[i].map((r) => r.parameters), y: runs[i].map((r) => r.testAccuracy) })),
          x: xAxis,
          y: { label: 'accuracy' },
        }),
        marks: [
          ...families.map((f, i) => ({
            kind: 'line' as const,
            name: f.name,
            x: runs[i].map((r) => r.parameters),
            y: runs[i].map((r) => r.testAccuracy),
            color: colorOf(i),
          })),
          ...families.map((_, i) => ({
            kind: 'points' as const,
            x: runs[i].map((r) => r.parameters),
            y: runs[i].map((r) => r.testAccuracy),
            labels: runs[i].map((r) => `width ${r.width}`),
            marker: i === 0 ? ('circle' as const) : ('square' as const),
            color: colorOf(i),
          })),
        ],
      },
      lineChart({
        title: 'Test loss',
        series: families.map((f, i) => ({ name: f.name, x: runs[i].map((r) => r.parameters), y: runs[i].map((r) => r.testLoss) })),
        x: xAxis,
        y: { label: 'cross-entropy' },
      }),
    ],
    width: 520,
    height: 380,
  })
  return {
    json: {
      data: pooledDigitsData(data),
      training: digitsTraining(epochs),
      budgets,
      families: families.map((f, i) => ({
        name: f.name,
        depth: f.depth,
        widths: runs[i].map((r) => r.width),
        parameters: runs[i].map((r) => r.parameters),
        testAccuracy: runs[i].map((r) => r.testAccuracy),
        testLoss: runs[i].map((r) => r.testLoss),
      })),
    },
    svg,
  }
}
