/**
 * Packing: copies a block of op(A) or op(B) into the contiguous panel layout the tile reads, so
 * all four transposition forms share one tile. Element (row r, depth p) of op(A) sits at
 * a + r·rs + p·ps bytes, element (p, column j) of op(B) at b + p·ps + j·js; the strides say
 * which way the matrix is stored. Where a panel's source rows are contiguous along p, four
 * steps are read at once and transposed in registers.
 */
import { MR, NR } from './sizes'

/** Columns of [x0 x1 x2 x3] seen as the rows of a 4×4 matrix, returned one at a time by `i`. */
// @ts-ignore: decorator
@inline function transposed(x0: v128, x1: v128, x2: v128, x3: v128, i: i32): v128 {
  if (i == 0) return i32x4.shuffle(i32x4.shuffle(x0, x1, 0, 4, 1, 5), i32x4.shuffle(x2, x3, 0, 4, 1, 5), 0, 1, 4, 5)
  if (i == 1) return i32x4.shuffle(i32x4.shuffle(x0, x1, 0, 4, 1, 5), i32x4.shuffle(x2, x3, 0, 4, 1, 5), 2, 3, 6, 7)
  if (i == 2) return i32x4.shuffle(i32x4.shuffle(x0, x1, 2, 6, 3, 7), i32x4.shuffle(x2, x3, 2, 6, 3, 7), 0, 1, 4, 5)
  return i32x4.shuffle(i32x4.shuffle(x0, x1, 2, 6, 3, 7), i32x4.shuffle(x2, x3, 2, 6, 3, 7), 2, 3, 6, 7)
}

/**
 * Packs columns [0, w) of a kb-deep B block into one panel of 8 floats per depth step, padding
 * columns w..8 with zeros.
 */
export function packB(b: usize, ps: usize, js: usize, kb: i32, w: i32, dst: usize): void {
  let p = 0
  if (w == NR && js == 4) {
    // B stored k×n: each depth step is 8 contiguous floats.
    for (; p < kb; p++) {
      v128.store(dst, v128.load(b))
      v128.store(dst, v128.load(b, 16), 16)
      b += ps
      dst += 32
    }
    return
  }
  if (w == NR && ps == 4) {
    // B stored n×k: the panel's 8 columns are 8 contiguous rows of B; transpose 4 steps at a time.
    for (; p + 4 <= kb; p += 4) {
      const x0 = v128.load(b), x1 = v128.load(b + js), x2 = v128.load(b + 2 * js), x3 = v128.load(b + 3 * js)
      const y0 = v128.load(b + 4 * js), y1 = v128.load(b + 5 * js), y2 = v128.load(b + 6 * js), y3 = v128.load(b + 7 * js)
      v128.store(dst, transposed(x0, x1, x2, x3, 0))
      v128.store(dst, transposed(y0, y1, y2, y3, 0), 16)
      v128.store(dst, transposed(x0, x1, x2, x3, 1), 32)
      v128.store(dst, transposed(y0, y1, y2, y3, 1), 48)
      v128.store(dst, transposed(x0, x1, x2, x3, 2), 64)
      v128.store(dst, transposed(y0, y1, y2, y3, 2), 80)
      v128.store(dst, transposed(x0, x1, x2, x3, 3), 96)
      v128.store(dst, transposed(y0, y1, y2, y3, 3), 112)
      b += 16
      dst += 128
    }
  }
  for (; p < kb; p++) {
    let src = b
    for (let j = 0; j < NR; j++) {
      store<f32>(dst + (<usize>j << 2), j < w ? load<f32>(src) : 0)
      src += js
    }
    b += ps
    dst += 32
  }
}

/** Whether any of the 4 lanes of x or the scalar y is non-zero; NaN counts as non-zero. */
// @ts-ignore: decorator
@inline function nonzero(x: v128, y: f32): i32 {
  return i32(v128.any_true(f32x4.ne(x, f32x4.splat(0))) | (y != 0))
}

/**
 * Packs the 5 rows of a full A panel, 5 floats per step. Steps whose 5 values are all zero are
 * dropped unless `all`; the depth of every kept step goes to `idx`. Returns how many were kept.
 */
// @ts-ignore: decorator
@inline function packFull(a: usize, rs: usize, ps: usize, kb: i32, dst: usize, idx: usize, all: bool): i32 {
  let q: i32 = 0
  let p: i32 = 0
  if (rs == 4) {
    // A stored k×m: the 5 values of a step are contiguous.
    for (; p < kb; p++) {
      const x = v128.load(a)
      const y = load<f32>(a, 16)
      const at = dst + <usize>(q * 20)
      v128.store(at, x)
      store<f32>(at, y, 16)
      store<i32>(idx + (<usize>q << 2), p)
      q += all ? 1 : nonzero(x, y)
      a += ps
    }
    return q
  }
  if (ps == 4) {
    // A stored m×k: 5 contiguous rows; transpose 4 steps of rows 0-3 at a time.
    for (; p + 4 <= kb; p += 4) {
      const x0 = v128.load(a), x1 = v128.load(a + rs), x2 = v128.load(a + 2 * rs), x3 = v128.load(a + 3 * rs)
      const x4 = v128.load(a + 4 * rs)
      for (let i = 0; i < 4; i++) {
        const c = i == 0 ? transposed(x0, x1, x2, x3, 0) : i == 1 ? transposed(x0, x1, x2, x3, 1) : i == 2 ? transposed(x0, x1, x2, x3, 2) : transposed(x0, x1, x2, x3, 3)
        const y = i == 0 ? f32x4.extract_lane(x4, 0) : i == 1 ? f32x4.extract_lane(x4, 1) : i == 2 ? f32x4.extract_lane(x4, 2) : f32x4.extract_lane(x4, 3)
        const at = dst + <usize>(q * 20)
        v128.store(at, c)
        store<f32>(at, y, 16)
        store<i32>(idx + (<usize>q << 2), p + i)
        q += all ? 1 : nonzero(c, y)
      }
      a += 16
    }
  }
  for (; p < kb; p++) {
    const x0 = load<f32>(a), x1 = load<f32>(a + rs), x2 = load<f32>(a + 2 * rs), x3 = load<f32>(a + 3 * rs)
    const y = load<f32>(a + 4 * rs)
    const c = f32x4(x0, x1, x2, x3)
    const at = dst + <usize>(q * 20)
    v128.store(at, c)
    store<f32>(at, y, 16)
    store<i32>(idx + (<usize>q << 2), p)
    q += all ? 1 : nonzero(c, y)
    a += ps
  }
  return q
}

/**
 * Packs rows [0, h) of a kb-deep A block into one panel of 5 floats per depth step (rows h..5
 * zero), keeping only the steps where some row is non-zero and writing their depths to `idx`.
 * Returns the number kept; when almost all are kept it repacks densely and returns kb, since the
 * indexed tile then costs more than the few skipped steps save.
 */
export function packA(a: usize, rs: usize, ps: usize, kb: i32, h: i32, dst: usize, idx: usize): i32 {
  let q: i32 = 0
  if (h == MR) {
    q = packFull(a, rs, ps, kb, dst, idx, false)
    if (q < kb && q >= kb - (kb >> 3)) q = packFull(a, rs, ps, kb, dst, idx, true)
    return q
  }
  for (let p = 0; p < kb; p++) {
    const at = dst + <usize>(q * 20)
    let any = false
    for (let r = 0; r < MR; r++) {
      const x: f32 = r < h ? load<f32>(a + <usize>r * rs) : 0
      store<f32>(at + (<usize>r << 2), x)
      any = any | (x != 0)
    }
    store<i32>(idx + (<usize>q << 2), p)
    q += i32(any)
    a += ps
  }
  return q
}
