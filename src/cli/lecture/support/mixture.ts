/** Reading a mixture density head's output (one target dimension): mixtures per row, densities, and density maps. */
import type { Grid } from '../../plot/scene.js'
import type { Interval } from '../../plot/ticks.js'
import type { Net } from '../../../graph/net.js'
import type { Params } from '../../../tensor/params.js'
import { type Tensor, tensor } from '../../../tensor/tensor.js'

/** One input's mixture: weights π, means μ and standard deviations σ of K components. */
export interface Mixture {
  readonly pi: readonly number[]
  readonly mu: readonly number[]
  readonly sigma: readonly number[]
}

/** The mixture of each row of an mdn head's output [π (K), μ (K), σ (K)]. */
export const mixtures = (out: Tensor, k: number): Mixture[] =>
  Array.from({ length: out.shape[0] }, (_, r) => {
    const row = Array.from(out.data.subarray(r * 3 * k, (r + 1) * 3 * k))
    return { pi: row.slice(0, k), mu: row.slice(k, 2 * k), sigma: row.slice(2 * k) }
  })

/** p(y) = Σ_k π_k N(y; μ_k, σ_k²). */
export const density = (m: Mixture, y: number): number =>
  m.pi.reduce((s, p, j) => s + (p * Math.exp(-0.5 * ((y - m.mu[j]) / m.sigma[j]) ** 2)) / (m.sigma[j] * Math.sqrt(2 * Math.PI)), 0)

/** The mixtures the net predicts at `xs` (one input each). */
export const predictMixtures = (net: Net, params: Params, xs: readonly number[], k: number): Mixture[] =>
  mixtures(net.predict(tensor([xs.length, 1], xs), params), k)

/** p(y | x) on a cols × rows grid over x × y (row 0 at the bottom), for a heat map. */
export const densityGrid = (net: Net, params: Params, k: number, x: Interval, y: Interval, cols: number, rows: number): Grid => {
  const xs = Array.from({ length: cols }, (_, c) => x[0] + ((c + 0.5) * (x[1] - x[0])) / cols)
  const ms = predictMixtures(net, params, xs, k)
  const values = new Float64Array(cols * rows)
  for (let r = 0; r < rows; r++) {
    const yr = y[0] + ((r + 0.5) * (y[1] - y[0])) / rows
    for (let c = 0; c < cols; c++) values[r * cols + c] = density(ms[c], yr)
  }
  return { cols, rows, x, y, values }
}
