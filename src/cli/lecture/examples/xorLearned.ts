/**
 * A ReLU network learning XOR from a seeded init (SGD with momentum, full batch). With the
 * slide's two hidden units many seeds end in a local minimum; wider nets solve it from almost
 * every seed. Hidden biases start at 0.1, as the lecture advises for ReLUs (torch's default init
 * leaves more units dead). The run shown is the first seed that solves it with two units.
 */
import { barChart } from '../../plot/charts/bars.js'
import { lineChart } from '../../plot/charts/lines.js'
import { scatterPlot } from '../../plot/charts/scatter.js'
import { toSvg } from '../../plot/figure.js'
import type { Point } from '../../plot/scene.js'
import { compileNet } from '../../../graph/net.js'
import type { Net } from '../../../graph/net.js'
import { compile } from '../../../graph/plan.js'
import { relu } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { serial } from '../../../layers/serial.js'
import { mse } from '../../../losses/mse.js'
import { sgd } from '../../../optim/sgd.js'
import type { Params } from '../../../tensor/params.js'
import { key } from '../../../tensor/random.js'
import { tensor, toRows } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'
import { fit, fullBatches } from '../support/fit.js'
import { outputsOf, xorClasses, xorOutputPanel, xorPoints, xorX, xorY } from '../support/xor.js'

const steps = 500
const seeds = 10
const widths = [2, 3, 4, 8]

/** Whether all four outputs lie on the right side of ½. */
const solves = (outputs: readonly number[]): boolean => outputs.every((v, i) => v > 0.5 === (xorY.data[i] === 1))

interface Run {
  readonly seed: number
  readonly net: Net
  readonly params: Params
  readonly losses: readonly number[]
  readonly outputs: number[]
}

const run = async (width: number, seed: number): Promise<Run> => {
  const net = compileNet(serial(dense({ units: width, biasInit: 0.1 }), relu(), dense({ units: 1 })), mse, { inputs: 2 })
  const tx = sgd({ learningRate: 0.1, momentum: 0.9 })
  const { params, losses } = await fit(net, tx, net.init(key(seed)), fullBatches(xorX, xorY, steps))
  return { seed, net, params, losses, outputs: outputsOf(net.predict(xorX, params)) }
}

/** 2-w-1 ReLU nets trained on XOR from seeds 0…9 for several widths w. */
export const xorLearned = async (): Promise<Shown> => {
  const runs: Run[][] = []
  for (const w of widths) runs.push(await Promise.all(Array.from({ length: seeds }, (_, s) => run(w, s))))
  const solved = runs.map((rs) => rs.filter((r) => solves(r.outputs)).length)
  const shown = runs[0].find((r) => solves(r.outputs)) ?? runs[0][0]
  const { net, params } = shown
  const h = net.layers.find((l) => l.kind === 'relu')?.output
  if (h === undefined) throw new Error('xor-learned: the net has no relu layer')
  const [hs] = compile([h], [net.x, ...net.params.map((p) => p.node)]).run([xorX, ...net.params.map((p) => params[p.name])])
  const hRows = toRows(hs)

  const f = (a: number, b: number): number => net.predict(tensor([1, 2], [a, b]), params).data[0]
  const [w1, w2] = Array.from(params['2.weight'].data)
  const b = params['2.bias'].data[0]
  const hMax = Math.max(1, ...hRows.flat()) * 1.15
  const hSpan: Point = [-0.1 * hMax, hMax]
  // The output's threshold ŷ = ½ is the line w₁h₁ + w₂h₂ + b = ½ in h space.
  const h1s = [hSpan[0], hSpan[1]]
  const line = Math.abs(w2) > 1e-9 ? { x: h1s, y: h1s.map((v) => (0.5 - b - w1 * v) / w2) } : { x: [(0.5 - b) / w1, (0.5 - b) / w1], y: hSpan }
  const steps1 = Array.from({ length: steps }, (_, i) => i + 1)
  // Below 1e-8 the float32 loss is rounding noise; the curve ends there.
  const floor = (v: number) => (v < 1e-8 ? Number.NaN : v)
  const svg = toSvg({
    title: `XOR learned by a 2-2-1 ReLU net from seed ${shown.seed} (SGD, momentum 0.9, η = 0.1, full batch)`,
    columns: 2,
    panels: [
      lineChart({
        title: `Loss from ${seeds} seeds, 2 hidden units`,
        series: runs[0].map((r) => ({
          name: r.seed === shown.seed ? `seed ${r.seed} (shown)` : `seed ${r.seed}`,
          x: steps1,
          y: r.losses.map(floor),
          ...(r.seed === shown.seed ? { color: '#EE6677' } : { color: '#BBBBBB' }),
        })),
        x: { label: 'step' },
        y: { label: 'MSE (log)', scale: 'log' },
        legend: 'none',
      }),
      xorOutputPanel('ŷ(x) of the trained net', f),
      {
        ...scatterPlot({
          title: 'What the hidden layer learned: h space',
          points: [],
          x: { label: 'h₁', domain: hSpan },
          y: { label: 'h₂', domain: hSpan },
          equalAspect: true,
        }),
        marks: [
          { kind: 'line', name: 'ŷ = ½', ...line, dash: true, color: '#555' },
          ...scatterPlot({ points: xorPoints((i) => [hRows[i][0], hRows[i][1]]), classNames: xorClasses }).marks,
        ],
      },
      barChart({
        title: `Seeds (of ${seeds}) that solve XOR in ${steps} steps`,
        categories: widths.map((w) => `${w} hidden units`),
        series: [{ name: 'solved', values: solved }],
        y: { label: 'seeds solved', domain: [0, seeds * 1.15], ticks: Array.from({ length: seeds / 2 + 1 }, (_, i) => 2 * i) },
        showValues: true,
      }),
    ],
    width: 480,
    height: 340,
  })
  return {
    json: {
      model: '2-2-1 ReLU net (hidden biases start at 0.1), MSE, SGD (momentum 0.9, η = 0.1), full batch of the four points',
      seed: shown.seed,
      steps,
      outputs: shown.outputs,
      finalLoss: shown.losses[shown.losses.length - 1],
      hidden: hRows,
      solvedSeeds: Object.fromEntries(widths.map((w, i) => [`width ${w}`, `${solved[i]}/${seeds}`])),
    },
    svg,
  }
}
