/**
 * The matmul: out = op(A)·op(B) over float32 matrices in this module's memory, blocked and
 * packed so a 5×8 register tile does the work. The caller owns all memory: it passes byte
 * addresses of A, B, out and of a workspace of `workspaceBytes()` bytes.
 */
import { A_BYTES, B_BYTES, BCOUNT_BYTES, BIDX_BYTES, COUNT_BYTES, IDX_BYTES, KC, MC, MR, NC, NR } from './sizes'
import { packA } from './pack-a'
import { packB } from './pack-b'
import { tileDense, tileSparseA, tileSparseB } from './tile'

/** Bytes of workspace one matmul call needs (packed blocks, step lists, an edge tile). */
export function workspaceBytes(): usize {
  return B_BYTES + A_BYTES + IDX_BYTES + COUNT_BYTES + BIDX_BYTES + BCOUNT_BYTES + <usize>(MR * NR * 4)
}

/**
 * Copies the top-left h×w of the 5×8 scratch tile into out, where element (r, j) sits at
 * c + r·rsc + j·csc bytes (or adds it, when `add`).
 */
function spill(tile: usize, c: usize, rsc: usize, csc: usize, h: i32, w: i32, add: bool): void {
  for (let r = 0; r < h; r++) {
    const src = tile + <usize>(r * NR * 4)
    const dst = c + <usize>r * rsc
    for (let j = 0; j < w; j++) {
      const at = dst + <usize>j * csc
      const v = load<f32>(src + (<usize>j << 2))
      store<f32>(at, add ? load<f32>(at) + v : v)
    }
  }
}

/** Entries an m×n output occupies once padded to whole 5×8 tiles. */
function padded(m: i32, n: i32): i64 {
  return <i64>((m + MR - 1) / MR * MR) * <i64>((n + NR - 1) / NR * NR)
}

/**
 * out (m×n, row-major) = op(A)·op(B); ta: A is stored k×m, tb: B is stored n×k. Requires
 * m, n, k > 0 and out not overlapping A or B.
 */
export function matmul(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, ta: bool, tb: bool, ws: usize): void {
  // op(A)·op(B) = (op(B)ᵀ·op(A)ᵀ)ᵀ: for a narrow output (n = 10 classes) the transpose pads
  // far less (10×128 fills 5×8 tiles exactly, 128×10 wastes 6 of every 16 columns).
  if (padded(n, m) * 8 < padded(m, n) * 7) gemm(b, a, out, n, k, m, !tb, !ta, ws, true)
  else gemm(a, b, out, m, k, n, ta, tb, ws, false)
}

/** out = op(A)·op(B) as `matmul` says, or its transpose (n×m) when `trans`. */
function gemm(a: usize, b: usize, out: usize, m: i32, k: i32, n: i32, ta: bool, tb: bool, ws: usize, trans: bool): void {
  const bp = ws
  const ap = bp + B_BYTES
  const idx = ap + A_BYTES
  const counts = idx + IDX_BYTES
  const bidx = counts + COUNT_BYTES
  const bcounts = bidx + BIDX_BYTES
  const tile = bcounts + BCOUNT_BYTES
  // Byte strides of op(A) along rows/depth and of op(B) along depth/columns.
  const ars: usize = ta ? 4 : <usize>k << 2
  const aps: usize = ta ? <usize>m << 2 : 4
  const bps: usize = tb ? 4 : <usize>n << 2
  const bjs: usize = tb ? <usize>k << 2 : 4
  // Byte strides of out along rows and columns of the product.
  const rsc: usize = trans ? 4 : <usize>n << 2
  const csc: usize = trans ? <usize>m << 2 : 4
  for (let jc = 0; jc < n; jc += NC) {
    const nb = min(NC, n - jc)
    const panelsB = (nb + NR - 1) / NR
    for (let pc = 0; pc < k; pc += KC) {
      const kb = min(KC, k - pc)
      const add = pc > 0
      for (let jp = 0; jp < panelsB; jp++) {
        const j0 = jc + jp * NR
        const from = b + <usize>pc * bps + <usize>j0 * bjs
        const kept = packB(from, bps, bjs, kb, min(NR, n - j0), bp + <usize>(jp * kb * 32), bidx + <usize>(jp * kb * 4))
        store<i32>(bcounts + (<usize>jp << 2), kept)
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
          const keptB = load<i32>(bcounts + (<usize>jp << 2))
          for (let ip = 0; ip < panelsA; ip++) {
            const i0 = ic + ip * MR
            const h = min(MR, m - i0)
            const kept = load<i32>(counts + (<usize>ip << 2))
            const apan = ap + <usize>(ip * kb * 20)
            const at = out + <usize>i0 * rsc + <usize>j0 * csc
            // Whole tiles of a row-major out are written from registers; the rest via the scratch tile.
            const direct = !trans && h == MR && w == NR
            const c = direct ? at : tile
            const ldc = direct ? <usize>n : <usize>NR
            // Skip zero steps of Ā if it was compacted, else of B̄ if enough of them are zero.
            const cadd = direct && add
            if (kept < kb) tileSparseA(kept, apan, idx + <usize>(ip * kb * 4), bpan, c, ldc, cadd)
            else if (keptB < kb - (kb >> 3)) tileSparseB(keptB, apan, bidx + <usize>(jp * kb * 4), bpan, c, ldc, cadd)
            else tileDense(kb, apan, bpan, c, ldc, cadd)
            if (!direct) spill(tile, at, rsc, csc, h, w, add)
          }
        }
      }
    }
  }
}
