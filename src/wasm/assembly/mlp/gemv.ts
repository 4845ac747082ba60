/**
 * Unpacked kernels for small batches (1 to a few dozen rows), where packing operands for the
 * blocked matmul would cost more than it saves. Rows are read in place: X and H are [batch, n],
 * W is [units, n] (torch's layout), dZ is [batch, units]. Two samples share each pass over W, so
 * a weight loaded once feeds two multiply-adds.
 */
import { fma, hsum, hsum4 } from './vmath'

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): usize {
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
    a0 = fma(v0, xa, a0); a1 = fma(v1, xa, a1); a2 = fma(v2, xa, a2); a3 = fma(v3, xa, a3)
    if (S == 2) {
      const xb = v128.load(x1 + p, 16)
      c0 = fma(v0, xb, c0); c1 = fma(v1, xb, c1); c2 = fma(v2, xb, c2); c3 = fma(v3, xb, c3)
    }
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

/**
 * dX[b, p..p+16] = Σ_j dZ[b, j]·W[j, p..p+16] for S = 1 or 2 samples: 4·S accumulators over one
 * 16-float column strip of W.
 */
// @ts-ignore: decorator
@inline function strip(S: i32, dz: usize, w: usize, rw: usize, u: i32, dx: usize, n: i32): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0)
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0)
  const dz1 = dz + (<usize>u << 2)
  for (let j = 0; j < u; j++) {
    const r = w + <usize>j * rw
    const v0 = v128.load(r), v1 = v128.load(r, 16), v2 = v128.load(r, 32), v3 = v128.load(r, 48)
    const d = v128.load32_splat(at(dz, j))
    a0 = fma(d, v0, a0); a1 = fma(d, v1, a1); a2 = fma(d, v2, a2); a3 = fma(d, v3, a3)
    if (S == 2) {
      const e = v128.load32_splat(at(dz1, j))
      c0 = fma(e, v0, c0); c1 = fma(e, v1, c1); c2 = fma(e, v2, c2); c3 = fma(e, v3, c3)
    }
  }
  v128.store(dx, a0); v128.store(dx, a1, 16); v128.store(dx, a2, 32); v128.store(dx, a3, 48)
  if (S == 2) {
    const dx1 = dx + (<usize>n << 2)
    v128.store(dx1, c0); v128.store(dx1, c1, 16); v128.store(dx1, c2, 32); v128.store(dx1, c3, 48)
  }
}

/** One 4-float column of dX for one sample, and the scalar columns past the last vector. */
function narrowColumns(dz: usize, w: usize, rw: usize, u: i32, dx: usize, from: i32, n: i32): void {
  let p = from
  for (; p + 4 <= n; p += 4) {
    let a = f32x4.splat(0)
    for (let j = 0; j < u; j++) a = fma(v128.load32_splat(at(dz, j)), v128.load(at(w + <usize>j * rw, p)), a)
    v128.store(at(dx, p), a)
  }
  for (; p < n; p++) {
    let s: f32 = 0
    for (let j = 0; j < u; j++) s += load<f32>(at(dz, j)) * load<f32>(at(w + <usize>j * rw, p))
    store<f32>(at(dx, p), s)
  }
}

/** dX = dZ·W for `batch` rows: dZ [batch, u], W [u, n], dX [batch, n]. */
export function backwardSmall(dz: usize, w: usize, dx: usize, batch: i32, n: i32, u: i32): void {
  const rw = <usize>n << 2
  const ru = <usize>u << 2
  const n16 = n & ~15
  let b = 0
  for (; b + 2 <= batch; b += 2) {
    for (let p = 0; p < n16; p += 16) strip(2, dz + <usize>b * ru, at(w, p), rw, u, at(dx + <usize>b * rw, p), n)
  }
  if (b < batch) {
    for (let p = 0; p < n16; p += 16) strip(1, dz + <usize>b * ru, at(w, p), rw, u, at(dx + <usize>b * rw, p), n)
  }
  if (n16 < n) {
    for (b = 0; b < batch; b++) narrowColumns(dz + <usize>b * ru, w, rw, u, dx + <usize>b * rw, n16, n)
  }
}

/**
 * gW[j..j+R, p..p+16] = Σ_b dZ[b, j..j+R]ᵀ·H[b, p..p+16] for R = 1 or 2 rows: 4·R accumulators,
 * so two rows keep both multiply-add units busy.
 */
// @ts-ignore: decorator
@inline function tile(R: i32, dz: usize, ru: usize, h: usize, rw: usize, g: usize, batch: i32): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0)
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0)
  for (let b = 0; b < batch; b++) {
    const v0 = v128.load(h), v1 = v128.load(h, 16), v2 = v128.load(h, 32), v3 = v128.load(h, 48)
    const d = v128.load32_splat(dz)
    a0 = fma(d, v0, a0); a1 = fma(d, v1, a1); a2 = fma(d, v2, a2); a3 = fma(d, v3, a3)
    if (R == 2) {
      const e = v128.load32_splat(dz, 4)
      c0 = fma(e, v0, c0); c1 = fma(e, v1, c1); c2 = fma(e, v2, c2); c3 = fma(e, v3, c3)
    }
    dz += ru
    h += rw
  }
  v128.store(g, a0); v128.store(g, a1, 16); v128.store(g, a2, 32); v128.store(g, a3, 48)
  if (R == 2) {
    const g1 = g + rw
    v128.store(g1, c0); v128.store(g1, c1, 16); v128.store(g1, c2, 32); v128.store(g1, c3, 48)
  }
}

/** Row j of gW from column 16·⌊n/16⌋ on: 4-float columns, then scalar ones. */
function narrowGrad(dz: usize, ru: usize, h: usize, rw: usize, g: usize, batch: i32, from: i32, n: i32): void {
  let p = from
  for (; p + 4 <= n; p += 4) {
    let a = f32x4.splat(0)
    for (let b = 0; b < batch; b++) a = fma(v128.load32_splat(dz + <usize>b * ru), v128.load(at(h + <usize>b * rw, p)), a)
    v128.store(at(g, p), a)
  }
  for (; p < n; p++) {
    let s: f32 = 0
    for (let b = 0; b < batch; b++) s += load<f32>(dz + <usize>b * ru) * load<f32>(at(h + <usize>b * rw, p))
    store<f32>(at(g, p), s)
  }
}

/** gW = dZᵀ·H for `batch` rows: dZ [batch, u], H [batch, n], gW [u, n] (overwritten). */
export function weightGradSmall(dz: usize, h: usize, g: usize, batch: i32, n: i32, u: i32): void {
  const rw = <usize>n << 2
  const ru = <usize>u << 2
  const n16 = n & ~15
  let j = 0
  for (; j + 2 <= u; j += 2) {
    for (let p = 0; p < n16; p += 16) tile(2, at(dz, j), ru, at(h, p), rw, at(g + <usize>j * rw, p), batch)
  }
  if (j < u) for (let p = 0; p < n16; p += 16) tile(1, at(dz, j), ru, at(h, p), rw, at(g + <usize>j * rw, p), batch)
  if (n16 < n) for (j = 0; j < u; j++) narrowGrad(at(dz, j), ru, h, rw, g + <usize>j * rw, batch, n16, n)
}

/** gb[j] = Σ_b dZ[b, j]: dZ [batch, u]; writes exactly u floats. */
export function biasGrad(dz: usize, g: usize, batch: i32, u: i32): void {
  const ru = <usize>u << 2
  let j = 0
  for (; j + 4 <= u; j += 4) {
    let a = f32x4.splat(0)
    for (let b = 0; b < batch; b++) a = f32x4.add(a, v128.load(at(dz + <usize>b * ru, j)))
    v128.store(at(g, j), a)
  }
  for (; j < u; j++) {
    let s: f32 = 0
    for (let b = 0; b < batch; b++) s += load<f32>(at(dz + <usize>b * ru, j))
    store<f32>(at(g, j), s)
  }
}
