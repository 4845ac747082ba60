/**
 * Block sizes of the packed GEMM (the Goto/BLIS scheme): a 5×8 register tile, k in blocks of KC
 * so one packed B panel (KC×8) and one packed A panel (5×KC) stay in L1 together, m in blocks of
 * MC so the packed A block stays in L2, n in blocks of NC.
 */

/** Rows of the register tile: 5 rows × 2 f32x4 = 10 accumulators, +2 B vectors +1 A splat = 13 of V8's 16 xmm registers. */
export const MR: i32 = 5
/** Columns of the register tile (two f32x4). */
export const NR: i32 = 8
/** Depth of one packed block. */
export const KC: i32 = 512
/** Rows of one packed A block (a multiple of MR). */
export const MC: i32 = 255
/** Columns of one packed B block (a multiple of NR). */
export const NC: i32 = 1024

/** Bytes of the packed B block. */
export const B_BYTES: usize = <usize>(KC * NC * 4)
/** Bytes of the packed A block. */
export const A_BYTES: usize = <usize>(MC * KC * 4)
/** Bytes of the kept-depth list of every A panel (which p survived zero skipping). */
export const IDX_BYTES: usize = <usize>((MC / MR) * KC * 4)
/** Bytes of the per-panel counts of kept depths. */
export const COUNT_BYTES: usize = <usize>((MC / MR) * 4)
/** Bytes of the list of non-zero depths of every B panel. */
export const BIDX_BYTES: usize = <usize>((NC / NR) * KC * 4)
/** Bytes of the per-panel counts of non-zero B depths. */
export const BCOUNT_BYTES: usize = <usize>((NC / NR) * 4)
/** Bytes of the scratch tile that edge tiles are computed into. */
export const TILE_BYTES: usize = <usize>(MR * NR * 4)
