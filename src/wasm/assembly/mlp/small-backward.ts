/**
 * The backward products for small batches, unpacked: dX = dZ·W, gW = dZᵀ·H and gb = Σ_rows dZ,
 * with dZ [batch, units], W [units, n], H [batch, n]. Each keeps 8 accumulators (two samples or
 * two rows × 16 floats) so both multiply-add units stay busy.
 */
import { at } from './small-forward'
import { fma } from './vmath'

/**
 * dX[b, p..p+16] = Σ_j dZ[b, j]·W[j, p..p+16] for S = 1 or 2 samples: 4·S accumulators over one
 * 16-float column strip of W.
 */
// @ts-ignore: decorator
@inline function strip(S: i32, dz: usize, w: usize, rw: usize, u: i32, dx: usize, n: i32): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0)
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0)
  // Pointers step through W and dZ rather than being recomputed from j (V8 does not strength-reduce).
  const gap = <usize>u << 2
  const end = dz + gap
  let r = w
  let d0 = dz
  if (S == 1) {
    // One sample: odd rows go to the spare accumulators, so no multiply-add waits on the previous one.
    for (; d0 + 4 < end; d0 += 8, r += 2 * rw) {
      const d = v128.load32_splat(d0)
      a0 = fma(d, v128.load(r), a0); a1 = fma(d, v128.load(r, 16), a1)
      a2 = fma(d, v128.load(r, 32), a2); a3 = fma(d, v128.load(r, 48), a3)
      const e = v128.load32_splat(d0, 4)
      const q = r + rw
      c0 = fma(e, v128.load(q), c0); c1 = fma(e, v128.load(q, 16), c1)
      c2 = fma(e, v128.load(q, 32), c2); c3 = fma(e, v128.load(q, 48), c3)
    }
  }
  for (; d0 < end; d0 += 4, r += rw) {
    const v0 = v128.load(r), v1 = v128.load(r, 16), v2 = v128.load(r, 32), v3 = v128.load(r, 48)
    const d = v128.load32_splat(d0)
    a0 = fma(d, v0, a0); a1 = fma(d, v1, a1); a2 = fma(d, v2, a2); a3 = fma(d, v3, a3)
    if (S == 2) {
      const e = v128.load32_splat(d0 + gap)
      c0 = fma(e, v0, c0); c1 = fma(e, v1, c1); c2 = fma(e, v2, c2); c3 = fma(e, v3, c3)
    }
  }
  if (S == 1) {
    a0 = f32x4.add(a0, c0); a1 = f32x4.add(a1, c1); a2 = f32x4.add(a2, c2); a3 = f32x4.add(a3, c3)
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
