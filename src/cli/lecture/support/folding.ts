/**
 * Montúfar et al.'s construction (2014, section 3) of a deep ReLU net with many linear regions,
 * for two inputs: each of the first L − 1 layers folds [0, 1]² onto itself p = w/2 times per
 * coordinate with a zigzag, and the last layer cuts the folded square by w lines in general
 * position, so its Σⱼ C(w, j) regions repeat in each of the p^(2(L−1)) tiles.
 */
import type { Params } from '../../../tensor/params.js'
import { type Tensor, tensor } from '../../../tensor/tensor.js'

/**
 * Parameters of serial(dense(w), relu, …, dense(w), relu, dense(1)) with `depth` hidden layers
 * (dense layers at indices 0, 2, …, as serial names them) that realize the construction on [0, 1]².
 */
export const folding = (inputs: number, width: number, depth: number): Params => {
  if (inputs !== 2 || width % 2 !== 0) throw new RangeError(`folding: built for 2 inputs and an even width, got ${inputs} and ${width}`)
  const p = width / 2
  // Unit k of a group computes relu(t − k/p); the zigzag with p pieces, each onto [0, 1], is Σ_k c_k·unit_k.
  const zigzag = Array.from({ length: p }, (_, k) => (k === 0 ? p : (k % 2 === 1 ? -2 : 2) * p))
  const offsets = Array.from({ length: p }, (_, k) => -k / p)
  const layers: { w: number[][]; b: number[] }[] = []
  // First layer: group i reads input coordinate i.
  layers.push({
    w: Array.from({ length: width }, (_, u) => [0, 1].map((i) => (Math.floor(u / p) === i ? 1 : 0))),
    b: Array.from({ length: width }, (_, u) => offsets[u % p]),
  })
  const folded = (i: number) => Array.from({ length: width }, (_, u) => (Math.floor(u / p) === i ? zigzag[u % p] : 0))
  // Middle layers: group i reads the zigzag of the previous layer's group i, and folds again.
  for (let l = 1; l < depth - 1; l++) {
    layers.push({ w: Array.from({ length: width }, (_, u) => folded(Math.floor(u / p))), b: Array.from({ length: width }, (_, u) => offsets[u % p]) })
  }
  // Last layer: lines tangent to a circle of radius 0.15 about the centre, directions π/w apart,
  // so every pair crosses inside the square and no three meet.
  const lines = Array.from({ length: width }, (_, k) => [Math.cos((Math.PI * k) / width), Math.sin((Math.PI * k) / width)])
  layers.push({
    w: lines.map(([a, b]) => folded(0).map((v, u) => a * v + b * folded(1)[u])),
    b: lines.map(([a, b]) => -0.5 * (a + b) - 0.15),
  })
  const params: Record<string, Tensor> = {}
  layers.forEach(({ w, b }, l) => {
    params[`${2 * l}.weight`] = tensor([width, w[0].length], w.flat())
    params[`${2 * l}.bias`] = tensor([width], b)
  })
  params[`${2 * depth}.weight`] = tensor([1, width], new Array<number>(width).fill(1))
  params[`${2 * depth}.bias`] = tensor([1], [0])
  return params
}
