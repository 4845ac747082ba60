/**
 * Algorithms 6.3 and 6.4 for a 2-3-1 ReLU MLP with a linear output, MSE and an L2 penalty,
 * written out in plain float64 arithmetic (the reference the graph is checked against), and the
 * picture of both passes.
 */
import { type Column, type Edge, drawNetwork } from './networkDrawing.js'
import type { Cell } from './sheet.js'

type Vector = readonly number[]
type Matrix = readonly Vector[]

const matVec = (w: Matrix, v: Vector): number[] => w.map((row) => row.reduce((s, a, j) => s + a * v[j], 0))
const matTVec = (w: Matrix, v: Vector): number[] => w[0].map((_, j) => w.reduce((s, row, i) => s + row[j] * v[i], 0))
const add = (a: Vector, b: Vector): number[] => a.map((v, i) => v + b[i])
const outerPlus = (g: Vector, h: Vector, w: Matrix, lambda: number): number[] => g.flatMap((gi, i) => h.map((hj, j) => gi * hj + lambda * w[i][j]))
const sumSquares = (w: Matrix): number => w.flat().reduce((s, v) => s + v * v, 0)

/** The network and example of the trace. */
export interface Setup {
  readonly x: Vector
  readonly y: Vector
  readonly W1: Matrix
  readonly b1: Vector
  readonly W2: Matrix
  readonly b2: Vector
  readonly lambda: number
}

/** Every value of the two algorithms; matrices flattened row-major as the graph returns them. */
export const mlpAlgorithm = ({ x, y, W1, b1, W2, b2, lambda }: Setup) => {
  const a1 = add(matVec(W1, x), b1)
  const h1 = a1.map((v) => Math.max(0, v))
  const a2 = add(matVec(W2, h1), b2)
  const L = a2.reduce((s, v, i) => s + (v - y[i]) ** 2, 0)
  const J = L + lambda * 0.5 * (sumSquares(W1) + sumSquares(W2))
  const gYhat = a2.map((v, i) => 2 * (v - y[i]))
  const gH1 = matTVec(W2, gYhat)
  const gA1 = gH1.map((g, i) => (a1[i] > 0 ? g : 0))
  const gX = matTVec(W1, gA1)
  return { a1, h1, a2, L, J, gYhat, gH1, gA1, gX, W2: outerPlus(gYhat, h1, W2, lambda), b2: gYhat, W1: outerPlus(gA1, x, W1, lambda), b1: gA1 }
}

/** The values the picture shows (from the graph). */
export interface Traced {
  readonly a1: Vector
  readonly h1: Vector
  readonly a2: Vector
  readonly L: number
  readonly J: number
  readonly gYhat: Vector
  readonly gH1: Vector
  readonly gA1: Vector
  readonly gX: Vector
  readonly W1: Vector
  readonly b1: Vector
  readonly W2: Vector
  readonly b2: Vector
}

const f3 = (v: number): string => {
  const r = Math.round(v * 1000) / 1000
  return String(r === 0 ? 0 : r)
}

/** Both passes side by side: weights on the forward edges, weight gradients on the backward edges. */
export const mlpPicture = ({
  x,
  y,
  W1,
  W2,
  lambda,
  graph,
  fdGap,
}: Pick<Setup, 'x' | 'y' | 'W1' | 'W2' | 'lambda'> & { graph: Traced; fdGap: number }): Cell[] => {
  const edges = (first: (j: number, i: number) => number, second: (j: number) => number): Edge[] => [
    ...[0, 1, 2].flatMap((j) => [0, 1].map((i) => ({ column: 0, from: i, to: j, value: first(j, i), label: f3(first(j, i)) }))),
    ...[0, 1, 2].map((j) => ({ column: 1, from: j, to: 0, value: second(j), label: f3(second(j)) })),
  ]
  const inputs = (notes: (i: number) => string[]): Column => ({
    heading: 'h(0) = x',
    units: [0, 1].map((i) => ({ name: `x${'₁₂'[i]}`, notes: notes(i) })),
  })
  // A unit with a(1) ≤ 0 is off: relu passes nothing forward and relu′ = 0 passes nothing back.
  const hidden = (notes: (j: number) => string[]): Column => ({
    heading: 'h(1) = relu(a(1))',
    units: [0, 1, 2].map((j) => ({ name: `h${'₁₂₃'[j]}`, notes: notes(j), off: graph.a1[j] <= 0 })),
  })
  const forward = drawNetwork({
    title: 'Forward: edges are W(k) (blue > 0, red < 0)',
    width: 560,
    height: 470,
    columns: [
      inputs((i) => [`x = ${f3(x[i])}`]),
      hidden((j) => [`a = ${f3(graph.a1[j])}`, `h = ${f3(graph.h1[j])}`]),
      {
        heading: 'ŷ = a(2)',
        units: [{ name: 'ŷ', notes: [`ŷ = ${f3(graph.a2[0])}`, `y = ${f3(y[0])}`, `L = ${f3(graph.L)}`, `J = L + λΩ = ${f3(graph.J)}`] }],
      },
    ],
    edges: edges((j, i) => W1[j][i], (j) => W2[0][j]),
    footer: ['a(k) = b(k) + W(k) h(k−1),  h(k) = f(a(k)),  J = L(ŷ, y) + λΩ(θ)', `λ = ${lambda}, Ω = ½(‖W(1)‖² + ‖W(2)‖²)`],
  })
  const backward = drawNetwork({
    title: 'Backward: edges are ∇W(k) J (blue > 0, red < 0)',
    width: 560,
    height: 470,
    columns: [
      inputs((i) => [`∇x J = ${f3(graph.gX[i])}`]),
      hidden((j) => [`∇h J = ${f3(graph.gH1[j])}`, `g = ∇a J = ${f3(graph.gA1[j])}`, `∇b J = ${f3(graph.b1[j])}`]),
      { heading: 'g = ∇ŷ J', units: [{ name: 'ŷ', notes: [`g = 2(ŷ − y) = ${f3(graph.gYhat[0])}`, `∇b(2) J = ${f3(graph.b2[0])}`] }] },
    ],
    edges: edges((j, i) => graph.W1[2 * j + i], (j) => graph.W2[j]),
    footer: [
      'g ← g ⊙ f′(a(k)),  ∇b(k) J = g,  ∇W(k) J = g h(k−1)ᵀ + λW(k),  g ← W(k)ᵀ g',
      `largest |graph − finite difference| over all ∇θ J: ${fdGap.toExponential(1)}`,
    ],
  })
  return [forward, backward]
}
