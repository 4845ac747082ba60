/**
 * The first layer's forward on sparse inputs (MNIST pixels are ~80% zeros). Its weight is kept
 * transposed, Wᵀ [n, units], so each output row is a sum of whole rows of Wᵀ over the row's
 * non-zero inputs only:
 *
 *   Z[r, :] = b + Σ_{p: x[r,p] ≠ 0} x[r, p]·Wᵀ[p, :]        (rows of X as CSR)
 *
 * (The gradient Xᵀ·dZ stays with the packed matmul: its 5×8 register tile, skipping steps where
 * five inputs of a sample are all zero, measured faster than the same sum over the CSC.)
 *
 * NaN counts as non-zero, so it reaches the loss. Entries are visited in increasing order, so
 * results depend on nothing but the data. Skipping a zero input drops 0·w, which differs from
 * the dense product only for an infinite weight.
 */
import { fma } from './vmath'

// @ts-ignore: decorator
@inline function i32At(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2))
}

/**
 * The non-zero columns of X [rows, n], row by row: row r's are idx[start[r] .. start[r + 1]].
 * Returns how many there are.
 */
export function sparseRows(x: usize, rows: i32, n: i32, start: usize, idx: usize): i32 {
  let q = 0
  for (let r = 0; r < rows; r++) {
    store<i32>(start + (<usize>r << 2), q)
    const row = x + (<usize>(r * n) << 2)
    let p = 0
    for (; p + 4 <= n; p += 4) {
      let m = i32x4.bitmask(f32x4.ne(v128.load(row + (<usize>p << 2)), f32x4.splat(0)))
      while (m != 0) {
        store<i32>(idx + (<usize>q << 2), p + ctz(m))
        q++
        m &= m - 1
      }
    }
    for (; p < n; p++) {
      if (load<f32>(row + (<usize>p << 2)) != 0) {
        store<i32>(idx + (<usize>q << 2), p)
        q++
      }
    }
  }
  store<i32>(start + (<usize>rows << 2), q)
  return q
}

/**
 * out[0..w) = init + Σ_k a[k]·m[k, 0..w) over k = list[from..to): a[k] is the float at
 * coef + k·coefStride, the rows of m are `stride` bytes apart. 24 floats at a time in 6
 * accumulators, then 16 in 4, then 4, then single floats. Not 32 in 8: V8 has 15 xmm registers
 * for us and loads all of a step's rows of m before its multiply-adds, so 8 accumulators plus 8
 * loads spilled an accumulator, and its store and reload lengthened every step to about twice the
 * multiply-add latency. On digits batches the 24-wide passes ran 1.4× faster with m in L1 and
 * 1.1× from L2; in a training step, where the update has pushed much of m out of L2, less.
 */
// @ts-ignore: decorator
@inline function combine(
  list: usize, from: i32, to: i32, coef: usize, coefStride: usize, m: usize, stride: usize, init: usize, out: usize, w: i32,
): void {
  let c = 0
  for (; c + 24 <= w; c += 24) {
    const o = <usize>c << 2
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0)
    let a3 = f32x4.splat(0), a4 = f32x4.splat(0), a5 = f32x4.splat(0)
    if (init != 0) {
      a0 = v128.load(init + o); a1 = v128.load(init + o, 16); a2 = v128.load(init + o, 32)
      a3 = v128.load(init + o, 48); a4 = v128.load(init + o, 64); a5 = v128.load(init + o, 80)
    }
    for (let q = from; q < to; q++) {
      const k = <usize>i32At(list, q)
      const s = v128.load32_splat(coef + k * coefStride)
      const row = m + k * stride + o
      a0 = fma(s, v128.load(row), a0); a1 = fma(s, v128.load(row, 16), a1); a2 = fma(s, v128.load(row, 32), a2)
      a3 = fma(s, v128.load(row, 48), a3); a4 = fma(s, v128.load(row, 64), a4); a5 = fma(s, v128.load(row, 80), a5)
    }
    v128.store(out + o, a0); v128.store(out + o, a1, 16); v128.store(out + o, a2, 32)
    v128.store(out + o, a3, 48); v128.store(out + o, a4, 64); v128.store(out + o, a5, 80)
  }
  for (; c + 16 <= w; c += 16) {
    const o = <usize>c << 2
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0)
    if (init != 0) {
      a0 = v128.load(init + o); a1 = v128.load(init + o, 16); a2 = v128.load(init + o, 32); a3 = v128.load(init + o, 48)
    }
    for (let q = from; q < to; q++) {
      const k = <usize>i32At(list, q)
      const s = v128.load32_splat(coef + k * coefStride)
      const row = m + k * stride + o
      a0 = fma(s, v128.load(row), a0); a1 = fma(s, v128.load(row, 16), a1)
      a2 = fma(s, v128.load(row, 32), a2); a3 = fma(s, v128.load(row, 48), a3)
    }
    v128.store(out + o, a0); v128.store(out + o, a1, 16); v128.store(out + o, a2, 32); v128.store(out + o, a3, 48)
  }
  for (; c + 4 <= w; c += 4) {
    const o = <usize>c << 2
    let a = init != 0 ? v128.load(init + o) : f32x4.splat(0)
    for (let q = from; q < to; q++) {
      const k = <usize>i32At(list, q)
      a = fma(v128.load32_splat(coef + k * coefStride), v128.load(m + k * stride + o), a)
    }
    v128.store(out + o, a)
  }
  for (; c < w; c++) {
    const o = <usize>c << 2
    let a: f32 = init != 0 ? load<f32>(init + o) : 0
    for (let q = from; q < to; q++) {
      const k = <usize>i32At(list, q)
      a += load<f32>(coef + k * coefStride) * load<f32>(m + k * stride + o)
    }
    store<f32>(out + o, a)
  }
}

/** Z = X·W + b for X [rows, n] given as rows (`sparseRows`), Wᵀ [n, u]; bias 0 means none. */
export function sparseForward(x: usize, n: i32, wt: usize, u: i32, bias: usize, z: usize, rows: i32, start: usize, idx: usize): void {
  const rn = <usize>n << 2
  const ru = <usize>u << 2
  for (let r = 0; r < rows; r++) {
    combine(idx, i32At(start, r), i32At(start, r + 1), x + <usize>r * rn, 4, wt, ru, bias, z + <usize>r * ru, u)
  }
}
