/**
 * Writes one sample SVG of every chart type into the directory given as the only argument, for looking at them:
 *   npx tsx scripts/plot-samples.ts /tmp/plots
 * All data is synthetic and seeded, so the files are the same on every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { barChart } from '../src/cli/plot/charts/bars.js'
import { functionGrid } from '../src/cli/plot/charts/functions.js'
import { linearRegions, countRegions } from '../src/cli/plot/charts/linearRegions.js'
import { lineChart, seriesMarks, trainingCurves } from '../src/cli/plot/charts/lines.js'
import { decisionRegions, sampleGrid } from '../src/cli/plot/charts/regions.js'
import { classMarks, scatterPlot } from '../src/cli/plot/charts/scatter.js'
import { toSvg } from '../src/cli/plot/figure.js'
import type { Figure, Point, Polygon } from '../src/cli/plot/scene.js'
import { key, unit } from '../src/tensor/random.js'

const dir = process.argv[2]
if (dir === undefined) {
  console.error('usage: npx tsx scripts/plot-samples.ts <output directory>')
  process.exit(2)
}
const k = key(7)
const noise = (i: number) => unit(k, i) - 0.5
const relu = (v: number) => Math.max(0, v)
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v))

// ---- training curves and line charts ----
const steps = Array.from({ length: 400 }, (_, i) => i + 1)
const trainLoss = steps.map((s, i) => (s === 123 ? Number.NaN : 0.69 * Math.exp(-s / 70) + 0.015 + 0.03 * noise(i) * Math.exp(-s / 200)))
const epochs = steps.filter((s) => s % 25 === 0)
const curves = trainingCurves({
  title: 'XOR, 2-4-1 ReLU net, SGD with momentum',
  loss: [
    { name: 'train (per step)', x: steps, y: trainLoss },
    { name: 'test (every 25 steps)', x: epochs, y: epochs.map((s) => 0.69 * Math.exp(-s / 80) + 0.03) },
  ],
  accuracy: [
    { name: 'train', x: epochs, y: epochs.map((s) => Math.min(1, 0.5 + s / 300)) },
    { name: 'test', x: epochs, y: epochs.map((s) => Math.min(1, 0.45 + s / 350)) },
  ],
})
const logLoss: Figure = {
  panels: [
    lineChart({
      title: 'Adam on a regression task',
      series: [
        { name: 'loss', x: steps.map((s) => s * 50), y: steps.map((s, i) => 2 * Math.exp(-s / 40) + 2e-4 * (1 + noise(i))) },
        { name: 'learning rate', x: steps.map((s) => s * 50), y: steps.map((s) => (s < 200 ? 1e-3 : 1e-4)), dash: true, onY2: true },
      ],
      x: { label: 'step' },
      y: { label: 'loss (log)', scale: 'log' },
      y2: { label: 'learning rate', domain: [0, 0.0012] },
    }),
  ],
  width: 560,
}

// ---- XOR in input space, hidden space, and the map between them ----
const xor = [[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]] as const
const hidden = (x1: number, x2: number): Point => [relu(x1 + x2), relu(x1 + x2 - 1)]
const inputs = xor.map(([a, b, y]) => ({ x: a, y: b, cls: y, label: `(${a},${b})` }))
const hiddens = xor.map(([a, b, y]) => ({ x: hidden(a, b)[0], y: hidden(a, b)[1], cls: y, label: `(${a},${b})` }))
const classNames = ['y = 0', 'y = 1']
const xorFigure: Figure = {
  title: 'XOR: h = relu(Wx + c) makes the classes linearly separable',
  panels: [
    scatterPlot({ title: 'Input space', points: inputs, classNames, x: { label: 'x₁' }, y: { label: 'x₂' }, equalAspect: true }),
    scatterPlot({ title: 'Hidden space', points: hiddens, classNames, x: { label: 'h₁' }, y: { label: 'h₂' }, equalAspect: true }),
    scatterPlot({
      title: 'Where each input lands',
      points: [...inputs.map((p) => ({ ...p, label: '' })), ...hiddens],
      arrows: { from: inputs.map((p): Point => [p.x, p.y]), to: hiddens.map((p): Point => [p.x, p.y]) },
      classNames,
      x: { label: 'x₁ → h₁' },
      y: { label: 'x₂ → h₂' },
      equalAspect: true,
      legend: 'none',
    }),
  ],
}

// ---- decision regions: classes, and the network's output as a heatmap ----
const net = (x1: number, x2: number) => hidden(x1, x2)[0] - 2 * hidden(x1, x2)[1]
const span: Point = [-0.5, 1.5]
const regions: Figure = {
  panels: [
    decisionRegions({ title: 'Decision regions (f > 0.5)', grid: sampleGrid((a, b) => (net(a, b) > 0.5 ? 1 : 0), span, span, 100, 100), points: inputs, classNames, equalAspect: true }),
    decisionRegions({ title: 'Network output f(x)', grid: sampleGrid(net, span, span, 100, 100), fill: { kind: 'values', colormap: 'diverging', domain: [-1, 2] }, colorBar: 'f(x)', points: inputs, classNames, equalAspect: true }),
  ],
  width: 460,
  height: 380,
}

// ---- activation functions and their derivatives ----
const step = (v: number) => (v > 0 ? 1 : 0)
const activations = functionGrid({
  title: 'Hidden units and their derivatives',
  interval: [-3, 3],
  panels: [
    { title: 'ReLU', curves: [{ name: 'relu', f: relu }, { name: "relu'", f: step, dash: true }] },
    { title: 'Absolute value', curves: [{ name: '|x|', f: Math.abs }, { name: 'sign', f: Math.sign, dash: true }] },
    { title: 'Leaky ReLU (α = 0.1)', curves: [{ name: 'leaky', f: (v) => (v > 0 ? v : 0.1 * v) }, { name: "leaky'", f: (v) => (v > 0 ? 1 : 0.1), dash: true }] },
    { title: 'Logistic sigmoid', curves: [{ name: 'σ', f: sigmoid }, { name: "σ'", f: (v) => sigmoid(v) * (1 - sigmoid(v)), dash: true }] },
    { title: 'tanh', curves: [{ name: 'tanh', f: Math.tanh }, { name: "tanh'", f: (v) => 1 - Math.tanh(v) ** 2, dash: true }] },
    { title: 'Softplus', curves: [{ name: 'softplus', f: (v) => Math.log1p(Math.exp(v)) }, { name: "softplus'", f: sigmoid, dash: true }] },
  ],
})

// ---- a function fit: samples, target and the network's fit in one panel ----
const xs = Array.from({ length: 25 }, (_, i) => -3 + (6 * i) / 24)
const fine = Array.from({ length: 121 }, (_, i) => -3 + (6 * i) / 120)
const fit: Figure = {
  panels: [
    {
      title: 'Fitting sin(x) with 8 ReLU units',
      x: { label: 'x' },
      y: { label: 'y' },
      marks: [
        ...seriesMarks([
          { name: 'sin(x)', x: fine, y: fine.map(Math.sin), color: '#888', dash: true },
          { name: 'fit', x: fine, y: fine.map((v) => Math.max(-1, Math.min(1, Math.round(Math.sin(v) * 4) / 4 + 0.03 * v))) },
        ]),
        { ...classMarks(xs.map((v, i) => ({ x: v, y: Math.sin(v) + 0.15 * noise(100 + i), cls: 1 })))[0], name: 'training samples' },
      ],
    },
  ],
}

// ---- comparisons ----
const bars: Figure = {
  panels: [
    barChart({
      title: 'Test error after 2000 steps',
      categories: ['relu', 'abs', 'leaky relu', 'sigmoid', 'tanh', 'maxout (k=3)'],
      series: [
        { name: 'SGD', values: [0.081, 0.094, 0.079, 0.21, 0.12, 0.074] },
        { name: 'Adam', values: [0.062, 0.07, 0.06, 0.14, 0.09, 0.055] },
      ],
      y: { label: 'error rate' },
      showValues: true,
    }),
  ],
  width: 600,
}

// ---- linear regions of a ReLU net on a 2-D slice ----
const weights = (layer: number, n: number, m: number) => Array.from({ length: n * m }, (_, i) => 2 * (unit(k, 1000 * layer + i) - 0.5) * 1.5)
const [w1, b1, w2, b2] = [weights(1, 8, 2), weights(2, 8, 1), weights(3, 8, 8), weights(4, 8, 1)]
const patterns = new Map<string, number>()
const regionOf = (a: number, b: number) => {
  const h1 = Array.from({ length: 8 }, (_, i) => w1[2 * i] * a + w1[2 * i + 1] * b + b1[i])
  const h2 = Array.from({ length: 8 }, (_, i) => h1.reduce((s, h, j) => s + w2[8 * i + j] * relu(h), b2[i]))
  const pattern = [...h1, ...h2].map((v) => (v > 0 ? '1' : '0')).join('')
  if (!patterns.has(pattern)) patterns.set(pattern, patterns.size)
  return patterns.get(pattern) as number
}
const labelGrid = sampleGrid(regionOf, [-3, 3], [-3, 3], 150, 150)

/** The convex polygon p cut by the half-plane w·x + b ≥ 0 (Sutherland–Hodgman, one edge). */
const clip = (p: readonly Point[], w: Point, b: number): Point[] => {
  const side = ([x, y]: Point) => w[0] * x + w[1] * y + b
  return p.flatMap((a, i) => {
    const c = p[(i + 1) % p.length]
    const [sa, sc] = [side(a), side(c)]
    const cross: Point[] = sa >= 0 !== sc >= 0 ? [[a[0] + ((c[0] - a[0]) * sa) / (sa - sc), a[1] + ((c[1] - a[1]) * sa) / (sa - sc)]] : []
    return [...(sa >= 0 ? [a] : []), ...cross]
  })
}
const square: Point[] = [[-3, -3], [3, -3], [3, 3], [-3, 3]]
const cells = [0, 1, 2, 3, 4].reduce<Point[][]>((polys, i) => {
  const w: Point = [w1[2 * i], w1[2 * i + 1]]
  return polys.flatMap((p) => [clip(p, w, b1[i]), clip(p, [-w[0], -w[1]], -b1[i])].filter((q) => q.length >= 3))
}, [square])
const polygons: Polygon[] = cells.map((points, i) => ({ points, region: i, label: String(i + 1) }))
const linear: Figure = {
  panels: [
    linearRegions({ title: `One layer, 5 units: ${polygons.length} regions`, polygons, x: { label: 'x₁' }, y: { label: 'x₂' } }),
    linearRegions({ title: `Two layers of 8: ${countRegions(labelGrid)} regions`, grid: labelGrid, x: { label: 'x₁' }, y: { label: 'x₂' } }),
  ],
  width: 420,
  height: 400,
}

// ---- edge cases: empty, constant and all-NaN series ----
const edge: Figure = {
  panels: [
    lineChart({ title: 'No series', series: [] }),
    lineChart({ title: 'Constant loss 0.25', series: [{ name: 'loss', y: [0.25, 0.25, 0.25, 0.25] }] }),
    lineChart({ title: 'One NaN series, one fine', series: [{ name: 'diverged', y: [Number.NaN, Number.POSITIVE_INFINITY] }, { name: 'ok', y: [3, 1, 2] }] }),
  ],
}

mkdirSync(dir, { recursive: true })
const samples: Record<string, Figure> = { curves, 'log-loss': logLoss, xor: xorFigure, regions, activations, fit, bars, 'linear-regions': linear, 'edge-cases': edge }
for (const [name, figure] of Object.entries(samples)) {
  const svg = toSvg(figure)
  writeFileSync(join(dir, `${name}.svg`), svg)
  console.log(`${name}.svg  ${(svg.length / 1024).toFixed(1)} KiB`)
}
