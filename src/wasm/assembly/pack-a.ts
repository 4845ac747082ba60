/**
 * Packing A: copies rows [i0, i0 + 5) of a block of op(A) into a panel of 5 floats per depth
 * step, the layout the tile reads. Element (row r, depth p) of op(A) sits at a + r·rs + p·ps
 * bytes, so one packer serves both storage orders; where rows are contiguous along p, four steps
 * are read at once and transposed in registers. All-zero steps are dropped (MNIST inputs are
 * ~80% zeros) and the kept depths listed, so the tile skips them.
 */
import { MR } from './sizes'
import { nonzero, nonzero8, nonzeroOr, transposed } from './lanes'

/**
 * Writes step p (rows 0-3 in x, row 4 in y) to slot p of the panel, lists p at idx[q] and
 * returns the next free list entry: q + 1, or q when `nz` says the step is all zeros.
 */
// @ts-ignore: decorator
@inline function put(dst: usize, idx: usize, q: i32, p: i32, x: v128, y: f32, nz: i32): i32 {
  const at = dst + <usize>(p * 20)
  v128.store(at, x)
  store<f32>(at, y, 16)
  store<i32>(idx + (<usize>q << 2), p)
  return q + nz
}

/**
 * Packs the 5 rows of a full A panel densely, 5 floats per step, and lists at `idx` the steps
 * whose 5 values are not all zero. Returns how many are listed.
 */
// @ts-ignore: decorator
@inline function packFull(a: usize, rs: usize, ps: usize, kb: i32, dst: usize, idx: usize): i32 {
  let q: i32 = 0
  let p: i32 = 0
  if (rs == 4) {
    // A stored k×m: the 5 values of a step are contiguous; rows 1-4 are loaded again as one
    // vector, so the zero test needs no scalar compare.
    for (; p < kb; p++) {
      const x = v128.load(a)
      const t = v128.load(a, 4)
      q = put(dst, idx, q, p, x, f32x4.extract_lane(t, 3), nonzero8(x, t))
      a += ps
    }
    return q
  }
  if (ps == 4) {
    // A stored m×k: 5 contiguous rows; transpose 4 steps of rows 0-3 at a time.
    for (; p + 4 <= kb; p += 4) {
      const x0 = v128.load(a), x1 = v128.load(a + rs), x2 = v128.load(a + 2 * rs), x3 = v128.load(a + 3 * rs)
      const x4 = v128.load(a + 4 * rs)
      // Row 4's zero test for the 4 steps at once (lane i is all ones where step i's value is non-zero).
      const z4 = f32x4.ne(x4, f32x4.splat(0))
      const s0 = transposed(x0, x1, x2, x3, 0), s1 = transposed(x0, x1, x2, x3, 1)
      const s2 = transposed(x0, x1, x2, x3, 2), s3 = transposed(x0, x1, x2, x3, 3)
      q = put(dst, idx, q, p, s0, f32x4.extract_lane(x4, 0), nonzeroOr(s0, i32x4.extract_lane(z4, 0)))
      q = put(dst, idx, q, p + 1, s1, f32x4.extract_lane(x4, 1), nonzeroOr(s1, i32x4.extract_lane(z4, 1)))
      q = put(dst, idx, q, p + 2, s2, f32x4.extract_lane(x4, 2), nonzeroOr(s2, i32x4.extract_lane(z4, 2)))
      q = put(dst, idx, q, p + 3, s3, f32x4.extract_lane(x4, 3), nonzeroOr(s3, i32x4.extract_lane(z4, 3)))
      a += 16
    }
  }
  for (; p < kb; p++) {
    const x = f32x4(load<f32>(a), load<f32>(a + rs), load<f32>(a + 2 * rs), load<f32>(a + 3 * rs))
    const y = load<f32>(a + 4 * rs)
    q = put(dst, idx, q, p, x, y, nonzero(x, y))
    a += ps
  }
  return q
}

/**
 * Moves the `q` steps listed at `idx` of a densely packed panel to its first q slots, in order.
 * Each listed depth is at least its slot, so no step is overwritten before it has moved.
 */
function compact(dst: usize, idx: usize, q: i32): void {
  for (let j = 0; j < q; j++) {
    const from = dst + <usize>(load<i32>(idx + (<usize>j << 2)) * 20)
    const to = dst + <usize>(j * 20)
    const x = v128.load(from)
    const y = load<f32>(from, 16)
    v128.store(to, x)
    store<f32>(to, y, 16)
  }
}

/**
 * Packs rows [0, h) of a kb-deep A block into one panel of 5 floats per depth step (rows h..5
 * zero), keeping only the steps where some row is non-zero and writing their depths to `idx`.
 * Returns the number kept; when almost all are kept it leaves the panel dense and returns kb,
 * since the indexed tile then costs more than the few skipped steps save.
 */
export function packA(a: usize, rs: usize, ps: usize, kb: i32, h: i32, dst: usize, idx: usize): i32 {
  let q: i32 = 0
  if (h == MR) {
    // One pass packs densely and lists the non-zero steps; only a panel sparse enough to pay
    // for the indexed tile is then compacted, in place (reading the panel again from L1 costs
    // less than a second pass over A, which relu outputs, ~97% kept, would always take).
    q = packFull(a, rs, ps, kb, dst, idx)
    if (q >= kb - (kb >> 3)) return kb
    compact(dst, idx, q)
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
