/**
 * One dense layer's three products, each by the unpacked kernels for batches up to the net's
 * small-batch limit and by the packed, zero-skipping matmul above it:
 *
 *   forward   Z = X·Wᵀ + b, H = f(Z)
 *   backward  dX = dZ·W, then dZ of the layer below = dX ⊙ f′ of that layer
 *   gradient  gW = dZᵀ·X, gb = Σ_rows dZ
 */
import { matmul } from '../gemm'
import { activate, biasActivate } from './act'
import { backwardSmall, biasGrad, weightGradSmall } from './small-backward'
import { forwardSmall } from './small-forward'

/**
 * Z = X·Wᵀ + b and H = f(Z) (softmax left to the loss): the bias in the unpacked kernel's
 * epilogue and f as one vector pass, or the bias and f together in one pass after the matmul.
 */
export function forwardLayer(
  x: usize, w: usize, bias: usize, z: usize, h: usize, rows: i32, n: i32, u: i32, act: i32, alpha: f32,
  small: bool, gemmWs: usize,
): void {
  if (small) {
    forwardSmall(x, w, bias, z, rows, n, u)
    activate(act, z, h, rows * u, alpha)
  } else {
    matmul(x, w, z, rows, n, u, false, true, gemmWs)
    if (bias != 0) biasActivate(act, z, bias, h, rows, u, alpha)
    else activate(act, z, h, rows * u, alpha)
  }
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
