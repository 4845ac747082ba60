/**
 * Packing A: copies rows [i0, i0 + 5) of a block of op(A) into a panel of 5 floats per depth
 * step, the layout the tile reads. Element (row r, depth p) of op(A) sits at a + r·rs + p·ps
 * bytes, so one packer serves both storage orders; where rows are contiguous along p, four steps
 * are read at once and transposed in registers. All-zero steps are dropped (MNIST inputs are
 * ~80% zeros) and the kept depths listed, so the tile skips them.
 */
import { MR } from './sizes'
import { nonzero, transposed } from './lanes'

/**
 * Writes step p (rows 0-3 in x, row 4 in y) to slot q of the panel and returns the next free
 * slot: q + 1, or q again when the step is all zeros and may be dropped (`all` false).
 */
// @ts-ignore: decorator
@inline function put(dst: usize, idx: usize, q: i32, p: i32, x: v128, y: f32, all: bool): i32 {
  const at = dst + <usize>(q * 20)
  v128.store(at, x)
  store<f32>(at, y, 16)
  store<i32>(idx + (<usize>q << 2), p)
  return q + (all ? 1 : nonzero(x, y))
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
      q = put(dst, idx, q, p, v128.load(a), load<f32>(a, 16), all)
      a += ps
    }
    return q
  }
  if (ps == 4) {
    // A stored m×k: 5 contiguous rows; transpose 4 steps of rows 0-3 at a time.
    for (; p + 4 <= kb; p += 4) {
      const x0 = v128.load(a), x1 = v128.load(a + rs), x2 = v128.load(a + 2 * rs), x3 = v128.load(a + 3 * rs)
      const x4 = v128.load(a + 4 * rs)
      q = put(dst, idx, q, p, transposed(x0, x1, x2, x3, 0), f32x4.extract_lane(x4, 0), all)
      q = put(dst, idx, q, p + 1, transposed(x0, x1, x2, x3, 1), f32x4.extract_lane(x4, 1), all)
      q = put(dst, idx, q, p + 2, transposed(x0, x1, x2, x3, 2), f32x4.extract_lane(x4, 2), all)
      q = put(dst, idx, q, p + 3, transposed(x0, x1, x2, x3, 3), f32x4.extract_lane(x4, 3), all)
      a += 16
    }
  }
  for (; p < kb; p++) {
    const x = f32x4(load<f32>(a), load<f32>(a + rs), load<f32>(a + 2 * rs), load<f32>(a + 3 * rs))
    q = put(dst, idx, q, p, x, load<f32>(a + 4 * rs), all)
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
