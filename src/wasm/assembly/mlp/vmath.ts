/**
 * Four-lane float math: multiply-add, horizontal sums, and exp and tanh accurate to 1.3 ulp,
 * sigmoid to 2.3 ulp (test/fast/vmath.test.ts measures them against Math.exp / Math.tanh).
 * Math.tanh per lane would cost more than the rest of a batch-1 training step, hence the
 * approximations. NaN in gives NaN out everywhere, so the trainer's non-finite guard sees it.
 */

/** a·b + c: fused in the relaxed build, a rounded product plus a sum in the plain one. */
// @ts-ignore: decorator
@inline export function fma(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c)
  return f32x4.add(f32x4.mul(a, b), c)
}

/** [Σ a, Σ b, Σ c, Σ d]: the lane sums of four vectors, in one vector. */
// @ts-ignore: decorator
@inline export function hsum4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.add(i32x4.shuffle(a, b, 0, 4, 1, 5), i32x4.shuffle(a, b, 2, 6, 3, 7))
  const cd = f32x4.add(i32x4.shuffle(c, d, 0, 4, 1, 5), i32x4.shuffle(c, d, 2, 6, 3, 7))
  return f32x4.add(i32x4.shuffle(ab, cd, 0, 1, 4, 5), i32x4.shuffle(ab, cd, 2, 3, 6, 7))
}

/** The sum of the four lanes of a. */
// @ts-ignore: decorator
@inline export function hsum(a: v128): f32 {
  const s = f32x4.add(a, i32x4.shuffle(a, a, 2, 3, 0, 1))
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1)
}

// e^r on [−ln2/2, ln2/2]: a degree-6 polynomial fitted for least relative error (1.9e-9).
const E0: f32 = 1.0000000005564245
const E1: f32 = 1.0000000364307988
const E2: f32 = 0.49999992055376336
const E3: f32 = 0.16666419681214648
const E4: f32 = 0.04166822884535837
const E5: f32 = 0.008374857023209586
const E6: f32 = 0.0013836784952287687
// Adding 1.5·2²³ rounds to an integer and leaves it in the low mantissa bits.
const ROUNDER: f32 = 12582912.0
const LOG2E: f32 = 1.4426950408889634
// ln 2 split so n·LN2_HI is exact for |n| ≤ 2⁹ (Cody–Waite).
const LN2_HI: f32 = 0.693359375
const LN2_LO: f32 = -2.12194440e-4
/** Above this e^x overflows float32; below EXP_MIN it is below the smallest normal float. */
const EXP_MAX: f32 = 88.72283
const EXP_MIN: f32 = -87.33654

/**
 * e^x for x within [EXP_MIN, EXP_MAX]: x = n·ln2 + r, e^r by the polynomial, 2ⁿ put into the
 * exponent, in two halves unless `ONE_SCALE` (x ≤ 88 then: n ≤ 127 fits the exponent field).
 */
// @ts-ignore: decorator
@inline function expCore(x: v128, ONE_SCALE: bool): v128 {
  const s = fma(x, kf(K_LOG2E), kf(K_ROUNDER))
  const n = f32x4.sub(s, kf(K_ROUNDER))
  let r = fma(n, kf(K_LN2_HI), x)
  r = fma(n, kf(K_LN2_LO), r)
  let p = fma(kf(K_E6), r, kf(K_E5))
  p = fma(p, r, kf(K_E4))
  p = fma(p, r, kf(K_E3))
  p = fma(p, r, kf(K_E2))
  p = fma(p, r, kf(K_E1))
  p = fma(p, r, kf(K_E0))
  const ni = i32x4.sub(s, ki(K_ROUNDER_BITS))
  if (ONE_SCALE) return f32x4.mul(p, i32x4.shl(i32x4.add(ni, ki(K_BIAS)), 23))
  const n1 = i32x4.shr_s(ni, 1)
  const n2 = i32x4.sub(ni, n1)
  const s1 = i32x4.shl(i32x4.add(n1, ki(K_BIAS)), 23)
  const s2 = i32x4.shl(i32x4.add(n2, ki(K_BIAS)), 23)
  return f32x4.mul(f32x4.mul(p, s1), s2)
}

/** e^x per lane: +∞ above 88.72, 0 below −87.34 (where e^x is subnormal), NaN for NaN. */
// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
  // pmin/pmax return their first operand when it is NaN, so NaN flows through to the result.
  const c = f32x4.pmax(f32x4.pmin(x, kf(K_EXP_MAX)), kf(K_EXP_MIN))
  let e = expCore(c, false)
  e = v128.bitselect(kf(K_INF), e, f32x4.gt(x, kf(K_EXP_MAX)))
  return v128.andnot(e, f32x4.lt(x, kf(K_EXP_MIN)))
}

// tanh x = x·(T0 + T1·x² + … + T5·x¹⁰) for |x| < 0.625: fitted for least relative error (3.9e-9).
const T0: f32 = 0.999999996099461
const T1: f32 = -0.3333326065182382
const T2: f32 = 0.13331129330587452
const T3: f32 = -0.05372117303171049
const T4: f32 = 0.020591257052419196
const T5: f32 = -0.005660239015200427
const TANH_SMALL: f32 = 0.625
/** tanh rounds to ±1 in float32 beyond this. */
const TANH_FLAT: f32 = 9.02

// The constants live in a table in memory and are broadcast from it where used: V8 builds a
// v128.const from immediates with several instructions at every use (a loop does not hoist
// them), where a broadcast load is one, and the optimizer cannot fold a load back into a constant.
const FLOATS: usize = memory.data<f32>([
  LOG2E, ROUNDER, -LN2_HI, -LN2_LO, E6, E5, E4, E3, E2, E1, E0, EXP_MAX, EXP_MIN, Infinity,
  T5, T4, T3, T2, T1, T0, TANH_FLAT, TANH_SMALL, 1, 2,
])
const INTS: usize = memory.data<i32>([0x4b400000, 127, 0x80000000])
const K_LOG2E = 0, K_ROUNDER = 1, K_LN2_HI = 2, K_LN2_LO = 3, K_E6 = 4, K_E5 = 5, K_E4 = 6, K_E3 = 7, K_E2 = 8
const K_E1 = 9, K_E0 = 10, K_EXP_MAX = 11, K_EXP_MIN = 12, K_INF = 13, K_T5 = 14, K_T4 = 15, K_T3 = 16, K_T2 = 17
const K_T1 = 18, K_T0 = 19, K_TANH_FLAT = 20, K_TANH_SMALL = 21, K_ONE = 22, K_TWO = 23
const K_ROUNDER_BITS = 0, K_BIAS = 1, K_SIGN = 2

/** Constant i of FLOATS in all four lanes. */
// @ts-ignore: decorator
@inline function kf(i: i32): v128 {
  return v128.load32_splat(FLOATS + (<usize>i << 2))
}

/** Constant i of INTS in all four lanes. */
// @ts-ignore: decorator
@inline function ki(i: i32): v128 {
  return v128.load32_splat(INTS + (<usize>i << 2))
}

/**
 * tanh x per lane: the odd polynomial near 0, where 1 − 2/(e^{2|x|} + 1) would cancel, and that
 * formula with the sign of x elsewhere.
 */
// @ts-ignore: decorator
@inline export function tanh4(x: v128): v128 {
  const a = f32x4.abs(x)
  const t = f32x4.mul(x, x)
  let p = fma(kf(K_T5), t, kf(K_T4))
  p = fma(p, t, kf(K_T3))
  p = fma(p, t, kf(K_T2))
  p = fma(p, t, kf(K_T1))
  p = fma(p, t, kf(K_T0))
  const small = f32x4.mul(x, p)
  const c = f32x4.pmin(a, kf(K_TANH_FLAT))
  const e = expCore(f32x4.add(c, c), true)
  const one = kf(K_ONE)
  const large = f32x4.sub(one, f32x4.div(kf(K_TWO), f32x4.add(e, one)))
  const signed = v128.or(large, v128.and(x, ki(K_SIGN)))
  return v128.bitselect(small, signed, f32x4.lt(a, kf(K_TANH_SMALL)))
}

/** σ(x) = 1/(1 + e^−x) per lane: relative error stays small for large negative x, unlike 1 − σ(−x). */
// @ts-ignore: decorator
@inline export function sigmoid4(x: v128): v128 {
  const one = kf(K_ONE)
  return f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(x))))
}

/** max |x| over n floats at p (NaN if any is NaN): f32x4.max propagates NaN. */
export function maxAbs(p: usize, n: i32): f32 {
  let m = f32x4.splat(0)
  let i = 0
  for (; i + 4 <= n; i += 4) m = f32x4.max(m, f32x4.abs(v128.load(p + (<usize>i << 2))))
  for (; i < n; i++) m = f32x4.max(m, f32x4.abs(v128.load32_splat(p + (<usize>i << 2))))
  m = f32x4.max(m, i32x4.shuffle(m, m, 2, 3, 0, 1))
  m = f32x4.max(m, i32x4.shuffle(m, m, 1, 0, 3, 2))
  return f32x4.extract_lane(m, 0)
}

/** Whether all n floats at p are finite (n a multiple of 4): x − x is 0, or NaN for ±∞ and NaN. */
export function allFinite(p: usize, n: i32): bool {
  let acc = f32x4.splat(0)
  const end = p + (<usize>n << 2)
  for (; p < end; p += 16) {
    const x = v128.load(p)
    acc = f32x4.add(acc, f32x4.sub(x, x))
  }
  return !v128.any_true(f32x4.ne(acc, acc))
}

/** n floats from src to dst (not overlapping): a vector loop, cheaper than V8's memory.copy call for short runs. */
export function copy(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>n << 2
  let i: usize = 0
  for (; i + 16 <= bytes; i += 16) v128.store(dst + i, v128.load(src + i))
  for (; i < bytes; i += 4) store<f32>(dst + i, load<f32>(src + i))
}
