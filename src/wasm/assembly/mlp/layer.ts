/**
 * One dense layer's three products, each by the unpacked kernels for batches up to the net's
 * small-batch limit and by the packed, zero-skipping matmul above it:
 *
 *   forward   Z = X·Wᵀ + b, H = f(Z)
 *   backward  dX = dZ·W, then dZ of the layer below = dX ⊙ f′ of that layer
 *   gradient  gW = dZᵀ·X, gb = Σ_rows dZ
 */
import { matmul } from '../gemm'
import { activate } from './act'
import { backwardSmall, biasGrad, forwardSmall, weightGradSmall } from './gemv'

/** Z[r] += bias for each of `rows` rows of width u. */
function addBias(z: usize, bias: usize, rows: i32, u: i32): void {
  const ru = <usize>u << 2
  const u4 = <usize>(u & ~3) << 2
  for (let r = 0; r < rows; r++, z += ru) {
    for (let j: usize = 0; j < u4; j += 16) v128.store(z + j, f32x4.add(v128.load(z + j), v128.load(bias + j)))
    for (let j = u4; j < ru; j += 4) store<f32>(z + j, load<f32>(z + j) + load<f32>(bias + j))
  }
}

/** Z = X·Wᵀ + b and H = f(Z) (f = act unless `logits`, which leaves H to the loss). */
export function forwardLayer(
  x: usize, w: usize, bias: usize, z: usize, h: usize, rows: i32, n: i32, u: i32, act: i32, alpha: f32,
  small: bool, gemmWs: usize,
): void {
  if (small) forwardSmall(x, w, bias, z, rows, n, u)
  else {
    matmul(x, w, z, rows, n, u, false, true, gemmWs)
    if (bias != 0) addBias(z, bias, rows, u)
  }
  activate(act, z, h, rows * u, alpha)
}

/** dX = dZ·W: dZ [rows, u], W [u, n]. */
export function inputGradient(dz: usize, w: usize, dx: usize, rows: i32, n: i32, u: i32, small: bool, gemmWs: usize): void {
  if (small) backwardSmall(dz, w, dx, rows, n, u)
  else matmul(dz, w, dx, rows, u, n, false, false, gemmWs)
}

/** gW = dZᵀ·X into gw: dZ [rows, u], X [rows, n], gW [u, n]. */
export function weightGradient(dz: usize, x: usize, gw: usize, rows: i32, n: i32, u: i32, small: bool, gemmWs: usize): void {
  if (small) weightGradSmall(dz, x, gw, rows, n, u)
  else matmul(dz, x, gw, u, rows, n, true, false, gemmWs)
}

export { biasGrad as biasGradient }
