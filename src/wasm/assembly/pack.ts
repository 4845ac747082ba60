/**
 * Packing: copies a block of op(A) or op(B) into the contiguous panel layout the tile reads, so
 * all four transposition forms share one tile. Element (row r, depth p) of op(A) sits at
 * a + r·rs + p·ps bytes; the strides say which way the matrix is stored.
 */
import { MR, NR } from './sizes'

/**
 * Packs columns [0, w) of a kb-deep B block into one panel of 8 floats per depth step, padding
 * columns w..8 with zeros. Element (p, j) of op(B) is at b + p·ps + j·js bytes.
 */
export function packB(b: usize, ps: usize, js: usize, kb: i32, w: i32, dst: usize): void {
  if (w == NR && js == 4) {
    // B stored k×n: each depth step is 8 contiguous floats.
    for (let p = 0; p < kb; p++) {
      v128.store(dst, v128.load(b))
      v128.store(dst, v128.load(b, 16), 16)
      b += ps
      dst += 32
    }
    return
  }
  for (let p = 0; p < kb; p++) {
    let src = b
    for (let j = 0; j < NR; j++) {
      store<f32>(dst + (<usize>j << 2), j < w ? load<f32>(src) : 0)
      src += js
    }
    b += ps
    dst += 32
  }
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
    for (let p = 0; p < kb; p++) {
      const x0 = load<f32>(a)
      const x1 = load<f32>(a + rs)
      const x2 = load<f32>(a + 2 * rs)
      const x3 = load<f32>(a + 3 * rs)
      const x4 = load<f32>(a + 4 * rs)
      const at = dst + <usize>(q * 20)
      store<f32>(at, x0)
      store<f32>(at, x1, 4)
      store<f32>(at, x2, 8)
      store<f32>(at, x3, 12)
      store<f32>(at, x4, 16)
      store<i32>(idx + (<usize>q << 2), p)
      // NaN != 0, so NaN rows are kept and propagate as in the dense product.
      q += i32((x0 != 0) | (x1 != 0) | (x2 != 0) | (x3 != 0) | (x4 != 0))
      a += ps
    }
  } else {
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
  }
  if (q < kb && q >= kb - (kb >> 3)) {
    a -= <usize>kb * ps
    for (let p = 0; p < kb; p++) {
      for (let r = 0; r < MR; r++) store<f32>(dst + <usize>(r << 2), r < h ? load<f32>(a + <usize>r * rs) : 0)
      a += ps
      dst += 20
    }
    return kb
  }
  return q
}
