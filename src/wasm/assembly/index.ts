/**
 * The WASM matmul: out = op(A)·op(B) over float32 matrices in this module's memory, blocked and
 * packed so a 5×8 register tile does the work. The caller owns all memory: it passes byte
 * addresses of A, B, out and of a workspace of `workspaceBytes()` bytes.
 */
import { A_BYTES, B_BYTES, COUNT_BYTES, IDX_BYTES, KC, MC, MR, NC, NR } from './sizes'
import { packA, packB } from './pack'
import { tileDense, tileIndexed } from './tile'

/** Bytes of workspace one matmul call needs (packed blocks, indices, an edge tile). */
export function workspaceBytes(): usize {
  return B_BYTES + A_BYTES + IDX_BYTES + COUNT_BYTES + <usize>(MR * NR * 4)
}

/** First byte after the module's static data: the caller's allocator starts here. */
export function heapBase(): usize {
  return __heap_base
}

/** Copies the top-left h×w of the 5×8 scratch tile into out (or adds it, when `add`). */
function spill(tile: usize, c: usize, ldc: usize, h: i32, w: i32, add: bool): void {
  for (let r = 0; r < h; r++) {
    const src = tile + <usize>(r * NR * 4)
    const dst = c + (<usize>r * ldc << 2)
    for (let j = 0; j < w; j++) {
      const at = dst + (<usize>j << 2)
      const v = load<f32>(src + (<usize>j << 2))
      store<f32>(at, add ? load<f32>(at) + v : v)
    }
  }
}

/**
 * out (m×n, row-major) = op(A)·op(B); ta: A is stored k×m, tb: B is stored n×k. Requires
 * m, n, k > 0 and out not overlapping A or B.
 */
export function matmul(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, ta: bool, tb: bool, ws: usize): void {
  const bp = ws
  const ap = bp + B_BYTES
  const idx = ap + A_BYTES
  const counts = idx + IDX_BYTES
  const tile = counts + COUNT_BYTES
  // Byte strides of op(A) along rows/depth and of op(B) along depth/columns.
  const ars: usize = ta ? 4 : <usize>k << 2
  const aps: usize = ta ? <usize>m << 2 : 4
  const bps: usize = tb ? 4 : <usize>n << 2
  const bjs: usize = tb ? <usize>k << 2 : 4
  const ldc = <usize>n
  for (let jc = 0; jc < n; jc += NC) {
    const nb = min(NC, n - jc)
    const panelsB = (nb + NR - 1) / NR
    for (let pc = 0; pc < k; pc += KC) {
      const kb = min(KC, k - pc)
      const add = pc > 0
      for (let jp = 0; jp < panelsB; jp++) {
        const j0 = jc + jp * NR
        packB(b + <usize>pc * bps + <usize>j0 * bjs, bps, bjs, kb, min(NR, n - j0), bp + <usize>(jp * kb * 32))
      }
      for (let ic = 0; ic < m; ic += MC) {
        const mb = min(MC, m - ic)
        const panelsA = (mb + MR - 1) / MR
        for (let ip = 0; ip < panelsA; ip++) {
          const i0 = ic + ip * MR
          const kept = packA(
            a + <usize>i0 * ars + <usize>pc * aps, ars, aps, kb, min(MR, m - i0),
            ap + <usize>(ip * kb * 20), idx + <usize>(ip * kb * 4),
          )
          store<i32>(counts + (<usize>ip << 2), kept)
        }
        for (let jp = 0; jp < panelsB; jp++) {
          const j0 = jc + jp * NR
          const w = min(NR, n - j0)
          const bpan = bp + <usize>(jp * kb * 32)
          for (let ip = 0; ip < panelsA; ip++) {
            const i0 = ic + ip * MR
            const h = min(MR, m - i0)
            const kept = load<i32>(counts + (<usize>ip << 2))
            const apan = ap + <usize>(ip * kb * 20)
            const full = h == MR && w == NR
            const c = full ? out + ((<usize>i0 * ldc + <usize>j0) << 2) : tile
            const cl = full ? ldc : <usize>NR
            const cadd = full && add
            if (kept == kb) tileDense(kb, apan, bpan, c, cl, cadd)
            else tileIndexed(kept, apan, idx + <usize>(ip * kb * 4), bpan, c, cl, cadd)
            if (!full) spill(tile, out + ((<usize>i0 * ldc + <usize>j0) << 2), ldc, h, w, add)
          }
        }
      }
    }
  }
}
