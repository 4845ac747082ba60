/**
 * The 5×8 register tile: C[0..5, 0..8] (+)= Σ_q Ā[q]·B̄[q] over packed panels. Ā holds 5 floats
 * per depth step, B̄ 8 floats; both are laid out contiguously by the packers. The relaxed build
 * keeps all 40 sums in 10 registers with fused multiply-adds; the plain build, which needs a
 * register for each product, runs two 5×4 passes instead.
 */

/** a·b + c, fused (relaxed build only: the plain build runs `half`). */
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  return f32x4.relaxed_madd(a, b, c)
}

/** Writes (or adds, when `add`) the ten accumulators to the 5×8 tile at `c`, rows `ldc` floats apart. */
// @ts-ignore: decorator
@inline function store(
  c: usize, ldc: usize, add: bool,
  c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128, c30: v128, c31: v128, c40: v128, c41: v128,
): void {
  const row = ldc << 2
  if (add) {
    c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16))
    c10 = f32x4.add(c10, v128.load(c + row)); c11 = f32x4.add(c11, v128.load(c + row, 16))
    c20 = f32x4.add(c20, v128.load(c + 2 * row)); c21 = f32x4.add(c21, v128.load(c + 2 * row, 16))
    c30 = f32x4.add(c30, v128.load(c + 3 * row)); c31 = f32x4.add(c31, v128.load(c + 3 * row, 16))
    c40 = f32x4.add(c40, v128.load(c + 4 * row)); c41 = f32x4.add(c41, v128.load(c + 4 * row, 16))
  }
  v128.store(c, c00); v128.store(c, c01, 16)
  v128.store(c + row, c10); v128.store(c + row, c11, 16)
  v128.store(c + 2 * row, c20); v128.store(c + 2 * row, c21, 16)
  v128.store(c + 3 * row, c30); v128.store(c + 3 * row, c31, 16)
  v128.store(c + 4 * row, c40); v128.store(c + 4 * row, c41, 16)
}

/**
 * Row r's broadcast of the 5 A values of one depth step (relaxed build). Rows 0-3 come from one
 * v128 load `av` and register shuffles: V8 hoists every load of a step above its multiply-adds,
 * and five hoisted splats + 2 B vectors + 10 accumulators exceed the 15 usable xmm registers,
 * which spilled two accumulators through the stack on every step (measured ~25% slower).
 */
// @ts-ignore: decorator
@inline function row(a: usize, av: v128, r: i32): v128 {
  if (r == 0) return i32x4.shuffle(av, av, 0, 0, 0, 0)
  if (r == 1) return i32x4.shuffle(av, av, 1, 1, 1, 1)
  if (r == 2) return i32x4.shuffle(av, av, 2, 2, 2, 2)
  if (r == 3) return i32x4.shuffle(av, av, 3, 3, 3, 3)
  return v128.load32_splat(a, 16)
}

/** How a tile finds depth step q: in order, or at depth idx[q] of B (Ā compacted), or of both. */
const DENSE: i32 = 0
const SPARSE_A: i32 = 1
const SPARSE_B: i32 = 2

/**
 * The tile loop over `kc` steps; `mode` is a constant at every call, so each exported tile
 * compiles to its own loop with no branch on it.
 */
// @ts-ignore: decorator
@inline function run(mode: i32, kc: i32, a: usize, idx: usize, b: usize, c: usize, ldc: usize, add: bool): void {
  if (!ASC_FEATURE_RELAXED_SIMD) {
    half(mode, kc, a, idx, b, c, ldc, add)
    half(mode, kc, a, idx, b + 16, c + 16, ldc, add)
    return
  }
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0)
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0)
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0)
  // The loop ends on a pointer, as a counter would cost one more add per step.
  const end = mode == DENSE ? a + <usize>(kc * 20) : idx + (<usize>kc << 2)
  while ((mode == DENSE ? a : idx) < end) {
    let as = a
    let bs = b
    if (mode == DENSE) {
      a += 20
      b += 32
    } else {
      const p = <usize>load<u32>(idx)
      idx += 4
      bs = b + (p << 5)
      if (mode == SPARSE_A) a += 20
      else as = a + p * 20
    }
    const b0 = v128.load(bs)
    const b1 = v128.load(bs, 16)
    const av = v128.load(as)
    let x = row(as, av, 0)
    c00 = madd(x, b0, c00); c01 = madd(x, b1, c01)
    x = row(as, av, 1)
    c10 = madd(x, b0, c10); c11 = madd(x, b1, c11)
    x = row(as, av, 2)
    c20 = madd(x, b0, c20); c21 = madd(x, b1, c21)
    x = row(as, av, 3)
    c30 = madd(x, b0, c30); c31 = madd(x, b1, c31)
    x = row(as, av, 4)
    c40 = madd(x, b0, c40); c41 = madd(x, b1, c41)
  }
  store(c, ldc, add, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41)
}

/**
 * Columns 0-3 of the tile at b and c (pass b + 16, c + 16 for columns 4-7), for the plain build.
 * Without FMA the product needs a register of its own, and the full 5×8 loop spilled two
 * accumulators through the stack on every step; a 5×4 pass needs 5 accumulators + 1 B vector +
 * 5 splats + 1 product, and with add latency of a few cycles 5 chains still keep the adders busy.
 */
// @ts-ignore: decorator
@inline function half(mode: i32, kc: i32, a: usize, idx: usize, b: usize, c: usize, ldc: usize, add: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0), c4 = f32x4.splat(0)
  const end = mode == DENSE ? a + <usize>(kc * 20) : idx + (<usize>kc << 2)
  while ((mode == DENSE ? a : idx) < end) {
    let as = a
    let bs = b
    if (mode == DENSE) {
      a += 20
      b += 32
    } else {
      const p = <usize>load<u32>(idx)
      idx += 4
      bs = b + (p << 5)
      if (mode == SPARSE_A) a += 20
      else as = a + p * 20
    }
    const bv = v128.load(bs)
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(as), bv))
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(as, 4), bv))
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(as, 8), bv))
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(as, 12), bv))
    c4 = f32x4.add(c4, f32x4.mul(v128.load32_splat(as, 16), bv))
  }
  const row = ldc << 2
  if (add) {
    c0 = f32x4.add(c0, v128.load(c))
    c1 = f32x4.add(c1, v128.load(c + row))
    c2 = f32x4.add(c2, v128.load(c + 2 * row))
    c3 = f32x4.add(c3, v128.load(c + 3 * row))
    c4 = f32x4.add(c4, v128.load(c + 4 * row))
  }
  v128.store(c, c0)
  v128.store(c + row, c1)
  v128.store(c + 2 * row, c2)
  v128.store(c + 3 * row, c3)
  v128.store(c + 4 * row, c4)
}

/** The dense tile: `kc` depth steps over Ā (20 bytes a step) and B̄ (32 bytes a step). */
export function tileDense(kc: i32, a: usize, b: usize, c: usize, ldc: usize, add: bool): void {
  run(DENSE, kc, a, 0, b, c, ldc, add)
}

/**
 * Ā holds only the `kc` steps where some of its 5 rows is non-zero, `idx` their depths, and B̄
 * is read at those depths: pays when many steps are all-zero (MNIST inputs in X·Wᵀ).
 */
export function tileSparseA(kc: i32, a: usize, idx: usize, b: usize, c: usize, ldc: usize, add: bool): void {
  run(SPARSE_A, kc, a, idx, b, c, ldc, add)
}

/**
 * Both panels are whole and `idx` lists the `kc` depths where B̄'s 8 columns are not all zero:
 * pays when B is sparse (MNIST inputs in dW = dYᵀ·X).
 */
export function tileSparseB(kc: i32, a: usize, idx: usize, b: usize, c: usize, ldc: usize, add: bool): void {
  run(SPARSE_B, kc, a, idx, b, c, ldc, add)
}
