/**
 * Linear regions of ReLU networks with two inputs, counted exactly by splitting polygons and
 * checked against the activation patterns of the compiled net on a fine grid. A randomly
 * initialized 2-4-4-4-1 net is compared with Montúfar et al.'s bound for its width and depth,
 * which their folding construction attains, and with a one-layer net of the same 12 units.
 */
import { countRegions, linearRegions as regionsPanel } from '../../plot/charts/linearRegions.js'
import { sampleGrid } from '../../plot/charts/regions.js'
import type { Polygon } from '../../plot/scene.js'
import type { Interval } from '../../plot/ticks.js'
import { type Net, compileNet } from '../../../graph/net.js'
import { compile } from '../../../graph/plan.js'
import { relu } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { serial } from '../../../layers/serial.js'
import { mse } from '../../../losses/mse.js'
import type { Params } from '../../../tensor/params.js'
import { key } from '../../../tensor/random.js'
import { tensor } from '../../../tensor/tensor.js'
import type { Shown } from '../example.js'
import { folding } from '../support/folding.js'
import { type DenseRows, activationRegions, arrangementRegions } from '../support/regions.js'
import { sheet } from '../support/sheet.js'

const inputs = 2
const width = 4
const depth = 3

/** A 2-input ReLU net with `layers` hidden layers of `units` and one output. */
const reluNet = (units: number, layers: number): Net =>
  compileNet(serial(...Array.from({ length: layers }, () => [dense({ units }), relu()]).flat(), dense({ units: 1 })), mse, { inputs })

/** The hidden dense layers of a net as plain rows (the output layer does not cut regions). */
const hiddenRows = (net: Net, params: Params): DenseRows[] =>
  net.layers
    .filter((l) => l.kind === 'dense')
    .slice(0, -1)
    .map((l) => {
      const [w, b] = l.params.map((p) => params[p.name])
      const fanIn = w.shape[1]
      return { w: Array.from({ length: w.shape[0] }, (_, j) => Array.from(w.data.subarray(j * fanIn, (j + 1) * fanIn))), b: Array.from(b.data) }
    })

/** Distinct activation patterns of the compiled net at the centres of a 400 × 400 grid: a lower bound on the exact count. */
const gridCount = (net: Net, params: Params, x: Interval, y: Interval): number => {
  const hidden = net.layers.filter((l) => l.kind === 'relu').map((l) => l.output)
  const plan = compile(hidden, [net.x, ...net.params.map((p) => p.node)])
  const patterns = new Map<string, number>()
  const grid = sampleGrid(() => 0, x, y, 400, 400)
  const points = Array.from({ length: grid.rows * grid.cols }, (_, i) => [
    x[0] + (((i % grid.cols) + 0.5) * (x[1] - x[0])) / grid.cols,
    y[0] + ((Math.floor(i / grid.cols) + 0.5) * (y[1] - y[0])) / grid.rows,
  ])
  const values = plan.run([tensor([points.length, 2], points.flat()), ...net.params.map((p) => params[p.name])])
  const labels = points.map((_, i) => {
    const bits = values.map((v) => Array.from(v.data.subarray(i * v.shape[1], (i + 1) * v.shape[1]), (a) => (a > 0 ? 1 : 0)).join('')).join('')
    if (!patterns.has(bits)) patterns.set(bits, patterns.size)
    return patterns.get(bits) as number
  })
  return countRegions({ ...grid, values: labels })
}

/** Counts (exact and on the grid) and the polygons of a net's regions in a window. */
const regionsOf = (net: Net, params: Params, x: Interval, y: Interval) => {
  const pieces = activationRegions(hiddenRows(net, params), x, y)
  const polygons: Polygon[] = pieces.map((p, i) => ({ points: p.points, region: i }))
  return { counted: pieces.length, onGrid: gridCount(net, params, x, y), polygons }
}

/** The regions of a random deep net, the folding construction and a random shallow net, with the bounds. */
export const linearRegions = async (): Promise<Shown> => {
  const perLayer = arrangementRegions(width, inputs)
  const bound = Math.floor(width / inputs) ** (inputs * (depth - 1)) * perLayer
  const upperBound = perLayer ** depth
  const shallowMax = arrangementRegions(width * depth, inputs)
  const window: Interval = [-3, 3]
  const deep = reluNet(width, depth)
  const random = regionsOf(deep, deep.init(key(4)), window, window)
  const built = regionsOf(deep, folding(inputs, width, depth), [0, 1], [0, 1])
  const flat = reluNet(width * depth, 1)
  const shallow = regionsOf(flat, flat.init(key(4)), window, window)

  const axes = { x: { label: 'x₁' }, y: { label: 'x₂' } }
  const cell = (title: string, polygons: readonly Polygon[]) => ({ panel: regionsPanel({ title, polygons, ...axes }), width: 420, height: 420 })
  const svg = sheet(
    [
      [
        cell(`Random 2-4-4-4-1 net: ${random.counted} regions in [−3, 3]²`, random.polygons),
        cell(`Folding construction: ${built.counted} regions in [0, 1]²`, built.polygons),
        cell(`Random 2-12-1 net: ${shallow.counted} regions in [−3, 3]²`, shallow.polygons),
      ],
    ],
    {
      title: 'Linear regions of ReLU networks with two inputs, counted exactly',
      notes: [
        `Montúfar et al. (2014), Theorem 4: width w = ${width}, depth L = ${depth}, n₀ = ${inputs} inputs can reach ` +
          `⌊w/n₀⌋^(n₀(L−1)) · Σⱼ C(w, j) = ${bound} regions (the middle panel attains it).`,
        `Upper bound ∏ₗ Σⱼ C(wₗ, j), j ≤ n₀: ${upperBound}. One layer of the same 12 units reaches at most Σⱼ C(12, j) = ${shallowMax}.`,
        'Random inits stay far below the bound: depth raises the maximum, not the typical count (as Hanin & Rolnick, 2019, also found).',
      ],
    },
  )
  return {
    json: {
      network: `2-${width}-${width}-${width}-1 ReLU net, torch's default init from seed 4`,
      window: '[−3, 3]²',
      counted: random.counted,
      countedOnGrid: random.onGrid,
      counting:
        'exact: polygons split by each unit’s zero line, layer by layer (one region per activation pattern); ' +
        'checked on a 400 × 400 grid of the compiled net’s activations, which can miss small regions',
      bound,
      boundFormula: '(⌊w/n⌋)^(n(L−1)) · Σ_{j=0}^{n} C(w, j) for n inputs and L hidden layers of width w ≥ n',
      boundSource: 'Montúfar, Pascanu, Cho & Bengio (2014), On the Number of Linear Regions of Deep Neural Networks, NeurIPS, Theorem 4',
      boundMeaning:
        'a lower bound on the maximal number of regions such a network can have, attained by a folding construction; ' +
        'a random network usually has far fewer',
      construction: { counted: built.counted, countedOnGrid: built.onGrid, window: '[0, 1]²' },
      upperBound,
      upperBoundFormula: '∏_{l=1}^{L} Σ_{j=0}^{n} C(w_l, j): each layer cuts each region, at most n-dimensional, by w_l hyperplanes',
      upperBoundSource:
        'Serra, Tjandraatmadja & Ramalingam (2018), Bounding and Counting Linear Regions of Deep Neural Networks, ICML ' +
        '(Theorem 1 tightens it)',
      note:
        'the random deep net has fewer regions here than the random shallow net of the same units: depth raises the ' +
        'maximum, not the count at a typical initialization (cf. Hanin & Rolnick, 2019)',
      shallow: { network: `2-${width * depth}-1 ReLU net, seed 4`, counted: shallow.counted, countedOnGrid: shallow.onGrid, max: shallowMax },
    },
    svg,
  }
}
