/**
 * One dense layer's three products, each by the unpacked kernels for batches up to the net's
 * small-batch limit and by the packed, zero-skipping matmul above it:
 *
 *   forward   Z = X·Wᵀ + b, H = f(Z)
 *   backward  dX = dZ·W, then dZ of the layer below = dX ⊙ f′ of that layer
 *   gradient  gW = dZᵀ·X, gb = Σ_rows dZ
 *
 * The first layer keeps Wᵀ instead (see sparse.ts), so its products are X·(Wᵀ) and Xᵀ·dZ, and
 * on sparse inputs the forward one skips the zeros.
 */
import { matmul } from '../gemm'
import { activate, biasActivate } from './act'
import { backwardSmall, biasGrad, weightGradSmall } from './small-backward'
import { forwardSmall } from './small-forward'
import { sparseForward } from './sparse'

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

/**
 * The first layer's forward with Wᵀ [n, u]: over the inputs' non-zeros when `sparse` (start,
 * idx: their rows), else X·(Wᵀ) by the unpacked kernel (sums of rows of Wᵀ) or the matmul.
 */
export function forwardFirst(
  x: usize, wt: usize, bias: usize, z: usize, h: usize, rows: i32, n: i32, u: i32, act: i32, alpha: f32,
  small: bool, gemmWs: usize, sparse: bool, start: usize, idx: usize,
): void {
  if (sparse) {
    sparseForward(x, n, wt, u, bias, z, rows, start, idx)
    activate(act, z, h, rows * u, alpha)
    return
  }
  // dX = dZ·W has the same shape as X·(Wᵀ): rows of X combine rows of Wᵀ.
  if (small) backwardSmall(x, wt, z, rows, u, n)
  else matmul(x, wt, z, rows, n, u, false, false, gemmWs)
  if (bias != 0) biasActivate(act, z, bias, h, rows, u, alpha)
  else activate(act, z, h, rows * u, alpha)
}

/** The first layer's gWᵀ = Xᵀ·dZ [n, u], unpacked or by the matmul (which skips zero inputs in groups of five). */
export function weightGradientFirst(dz: usize, x: usize, gwt: usize, rows: i32, n: i32, u: i32, small: bool, gemmWs: usize): void {
  // gW = dZᵀ·X with the roles of dZ and X swapped.
  if (small) weightGradSmall(x, dz, gwt, rows, u, n)
  else matmul(x, dz, gwt, n, rows, u, true, false, gemmWs)
}
