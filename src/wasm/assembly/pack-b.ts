/**
 * Packing B: copies columns [j0, j0 + 8) of a block of op(B) into a panel of 8 floats per
 * depth step (columns past the matrix zero). Element (depth p, column j) of op(B) sits at
 * b + p·ps + j·js bytes. The panel is always whole; the packer also lists the steps whose 8
 * values are not all zero, for the tile that skips the others (MNIST inputs as B in dYᵀ·X).
 */
import { NR } from './sizes'
import { nonzero8, transposed } from './lanes'

/** Stores step p (columns 0-3 in x, 4-7 in y), lists p in idx[q] and returns q + 1, or q when all zero. */
// @ts-ignore: decorator
@inline function put(dst: usize, idx: usize, q: i32, p: i32, x: v128, y: v128): i32 {
  const at = dst + (<usize>p << 5)
  v128.store(at, x)
  v128.store(at, y, 16)
  store<i32>(idx + (<usize>q << 2), p)
  return q + nonzero8(x, y)
}

/** Column j of the step at b, or 0 past the w columns the matrix has. */
// @ts-ignore: decorator
@inline function col(b: usize, js: usize, w: i32, j: i32): f32 {
  return j < w ? load<f32>(b + <usize>j * js) : 0
}

/** Packs a kb-deep panel of w ≤ 8 columns at dst and its non-zero steps at idx; returns how many. */
export function packB(b: usize, ps: usize, js: usize, kb: i32, w: i32, dst: usize, idx: usize): i32 {
  let q = 0
  let p = 0
  if (w == NR && js == 4) {
    // B stored k×n: each depth step is 8 contiguous floats.
    for (; p < kb; p++) {
      q = put(dst, idx, q, p, v128.load(b), v128.load(b, 16))
      b += ps
    }
    return q
  }
  if (w == NR && ps == 4) {
    // B stored n×k: the panel's 8 columns are 8 contiguous rows of B; transpose 4 steps at once.
    for (; p + 4 <= kb; p += 4) {
      const x0 = v128.load(b), x1 = v128.load(b + js), x2 = v128.load(b + 2 * js), x3 = v128.load(b + 3 * js)
      const y0 = v128.load(b + 4 * js), y1 = v128.load(b + 5 * js), y2 = v128.load(b + 6 * js)
      const y3 = v128.load(b + 7 * js)
      q = put(dst, idx, q, p, transposed(x0, x1, x2, x3, 0), transposed(y0, y1, y2, y3, 0))
      q = put(dst, idx, q, p + 1, transposed(x0, x1, x2, x3, 1), transposed(y0, y1, y2, y3, 1))
      q = put(dst, idx, q, p + 2, transposed(x0, x1, x2, x3, 2), transposed(y0, y1, y2, y3, 2))
      q = put(dst, idx, q, p + 3, transposed(x0, x1, x2, x3, 3), transposed(y0, y1, y2, y3, 3))
      b += 16
    }
  }
  for (; p < kb; p++) {
    const x = f32x4(col(b, js, w, 0), col(b, js, w, 1), col(b, js, w, 2), col(b, js, w, 3))
    const y = f32x4(col(b, js, w, 4), col(b, js, w, 5), col(b, js, w, 6), col(b, js, w, 7))
    q = put(dst, idx, q, p, x, y)
    b += ps
  }
  return q
}
