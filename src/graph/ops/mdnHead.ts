/**
 * The mixture density output unit. Input z of width K(2D+1), as the contract lays it out:
 * z[0:K] mixture logits, z[K:K+KD] means (component-major), z[K+KD:] log σ in the same order.
 * Output [π (K), μ (KD), σ (KD)] with π = softmax(logits) and σ = exp(log σ).
 */
import type { Node, Op } from '../node.js'
import { matrix } from './check.js'

/** D for a head of K components over a width, or an error naming both. */
export const mdnDims = (k: number, width: number): number => {
  const d = (width / k - 1) / 2
  if (!Number.isInteger(d) || d < 1) {
    throw new RangeError(`mdn: width ${width} is not K(2D+1) for K = ${k} components and an integer D ≥ 1`)
  }
  return d
}

/** z ↦ [softmax(z[0:K]), z[K:K+KD], exp(z[K+KD:])] per row. */
export const mdnHead = (k: number): Op => ({
  name: `mdnHead(${k})`,
  shape: ([z]) => {
    mdnDims(k, matrix('mdnHead', z)[1])
    return z
  },
  compute: ([z], out, [zs]) => {
    const [rows, width] = [zs[0], zs[1]]
    const sigmas = k + k * mdnDims(k, width)
    for (let r = 0; r < rows; r++) {
      const o = r * width
      let max = -Infinity
      for (let j = 0; j < k; j++) if (z[o + j] > max) max = z[o + j]
      let sum = 0
      for (let j = 0; j < k; j++) {
        out[o + j] = Math.exp(z[o + j] - max)
        sum += out[o + j]
      }
      for (let j = 0; j < k; j++) out[o + j] /= sum
      for (let j = k; j < sigmas; j++) out[o + j] = z[o + j]
      for (let j = sigmas; j < width; j++) out[o + j] = Math.exp(z[o + j])
    }
  },
  vjp: (g, node, dy) => {
    const width = matrix('mdnHead', node.shape)[1]
    const sigmas = k + k * mdnDims(k, width)
    const p = g.sliceCols(node, 0, k)
    const dp = g.sliceCols(dy, 0, k)
    const dLogits = g.mul(p, g.sub(dp, g.broadcast(g.sumCols(g.mul(dp, p)), p)))
    const dMeans = g.sliceCols(dy, k, sigmas)
    const dLogSigmas = g.mul(g.sliceCols(dy, sigmas, width), g.sliceCols(node, sigmas, width))
    return [g.concatCols(dLogits, dMeans, dLogSigmas)]
  },
})

/** K when `node` is an mdn head's output, else null. */
export const mdnComponents = (node: Node): number | null => {
  const m = node.op === null ? null : /^mdnHead\((\d+)\)$/.exec(node.op.name)
  return m === null ? null : Number(m[1])
}
