/**
 * The forward product for small batches (1 to a few dozen rows), where packing operands for the
 * blocked matmul would cost more than it saves: Z = X·Wᵀ + b with X [batch, n] and W [units, n]
 * (torch's layout) read in place. Two samples share each pass over W, so a weight loaded once
 * feeds two multiply-adds; each output is a dot product reduced across lanes once at its end.
 */
import { fma, hsum, hsum4 } from './vmath'

// @ts-ignore: decorator
@inline export function at(p: usize, i: i32): usize {
  return p + (<usize>i << 2)
}

/** Σ_p w[p]·x[p] over n floats, with two accumulators so consecutive multiply-adds do not wait on each other. */
function dot(w: usize, x: usize, n: i32): f32 {
  let a = f32x4.splat(0)
  let c = f32x4.splat(0)
  let p = 0
  for (; p + 8 <= n; p += 8) {
    a = fma(v128.load(at(w, p)), v128.load(at(x, p)), a)
    c = fma(v128.load(at(w, p), 16), v128.load(at(x, p), 16), c)
  }
  if (p + 4 <= n) {
    a = fma(v128.load(at(w, p)), v128.load(at(x, p)), a)
    p += 4
  }
  let s = hsum(f32x4.add(a, c))
  for (; p < n; p++) s += load<f32>(at(w, p)) * load<f32>(at(x, p))
  return s
}

/**
 * Z[b, j..j+4] = X[b]·W[j..j+4]ᵀ + bias for S = 1 or 2 samples starting at row b: four rows of W
 * against S rows of X, reduced across lanes once at the end.
 */
// @ts-ignore: decorator
@inline function block(S: i32, x: usize, w: usize, n: i32, bias: v128, z: usize, u: i32): void {
  const rw = <usize>n << 2
  const w0 = w, w1 = w + rw, w2 = w + 2 * rw, w3 = w + 3 * rw
  const x1 = x + rw
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0)
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0)
  const n4 = <usize>(n & ~3) << 2
  const n8 = <usize>(n & ~7) << 2
  let p: usize = 0
  // Two steps per iteration: the second's loads use constant offsets, halving the address arithmetic.
  for (; p < n8; p += 32) {
    let v0 = v128.load(w0 + p), v1 = v128.load(w1 + p), v2 = v128.load(w2 + p), v3 = v128.load(w3 + p)
    let xa = v128.load(x + p)
    a0 = fma(v0, xa, a0); a1 = fma(v1, xa, a1); a2 = fma(v2, xa, a2); a3 = fma(v3, xa, a3)
    if (S == 2) {
      const xb = v128.load(x1 + p)
      c0 = fma(v0, xb, c0); c1 = fma(v1, xb, c1); c2 = fma(v2, xb, c2); c3 = fma(v3, xb, c3)
    }
    v0 = v128.load(w0 + p, 16); v1 = v128.load(w1 + p, 16); v2 = v128.load(w2 + p, 16); v3 = v128.load(w3 + p, 16)
    xa = v128.load(x + p, 16)
    if (S == 2) {
      a0 = fma(v0, xa, a0); a1 = fma(v1, xa, a1); a2 = fma(v2, xa, a2); a3 = fma(v3, xa, a3)
      const xb = v128.load(x1 + p, 16)
      c0 = fma(v0, xb, c0); c1 = fma(v1, xb, c1); c2 = fma(v2, xb, c2); c3 = fma(v3, xb, c3)
    } else {
      // One sample: the odd steps go to the spare accumulators, so no multiply-add waits on the previous one.
      c0 = fma(v0, xa, c0); c1 = fma(v1, xa, c1); c2 = fma(v2, xa, c2); c3 = fma(v3, xa, c3)
    }
  }
  if (S == 1) {
    a0 = f32x4.add(a0, c0); a1 = f32x4.add(a1, c1); a2 = f32x4.add(a2, c2); a3 = f32x4.add(a3, c3)
  }
  if (p < n4) {
    const v0 = v128.load(w0 + p), v1 = v128.load(w1 + p), v2 = v128.load(w2 + p), v3 = v128.load(w3 + p)
    const xa = v128.load(x + p)
    a0 = fma(v0, xa, a0); a1 = fma(v1, xa, a1); a2 = fma(v2, xa, a2); a3 = fma(v3, xa, a3)
    if (S == 2) {
      const xb = v128.load(x1 + p)
      c0 = fma(v0, xb, c0); c1 = fma(v1, xb, c1); c2 = fma(v2, xb, c2); c3 = fma(v3, xb, c3)
    }
  }
  let s = f32x4.add(hsum4(a0, a1, a2, a3), bias)
  let t = S == 2 ? f32x4.add(hsum4(c0, c1, c2, c3), bias) : s
  for (let p = n & ~3; p < n; p++) {
    const col = f32x4(load<f32>(at(w0, p)), load<f32>(at(w1, p)), load<f32>(at(w2, p)), load<f32>(at(w3, p)))
    s = fma(col, v128.load32_splat(at(x, p)), s)
    if (S == 2) t = fma(col, v128.load32_splat(at(x1, p)), t)
  }
  v128.store(z, s)
  if (S == 2) v128.store(z + (<usize>u << 2), t)
}

/** Z = X·Wᵀ + bias for `batch` rows: X [batch, n], W [u, n], Z [batch, u]; bias 0 means none. */
export function forwardSmall(x: usize, w: usize, bias: usize, z: usize, batch: i32, n: i32, u: i32): void {
  const rw = <usize>n << 2
  const u4 = u & ~3
  for (let j = 0; j < u4; j += 4) {
    const bv = bias != 0 ? v128.load(at(bias, j)) : f32x4.splat(0)
    const wj = w + <usize>j * rw
    let b = 0
    for (; b + 2 <= batch; b += 2) block(2, x + <usize>b * rw, wj, n, bv, at(z, b * u + j), u)
    if (b < batch) block(1, x + <usize>b * rw, wj, n, bv, at(z, b * u + j), u)
  }
  // Rows past the last whole group of four, one dot product each.
  for (let j = u4; j < u; j++) {
    const bj: f32 = bias != 0 ? load<f32>(at(bias, j)) : 0
    for (let b = 0; b < batch; b++) store<f32>(at(z, b * u + j), dot(w + <usize>j * rw, x + <usize>b * rw, n) + bj)
  }
}
