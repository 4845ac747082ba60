/** Register helpers shared by the packers: 4×4 transposes and zero tests. */

/** Columns of [x0 x1 x2 x3] seen as the rows of a 4×4 matrix, returned one at a time by `i`. */
// @ts-ignore: decorator
@inline export function transposed(x0: v128, x1: v128, x2: v128, x3: v128, i: i32): v128 {
  if (i == 0) return i32x4.shuffle(i32x4.shuffle(x0, x1, 0, 4, 1, 5), i32x4.shuffle(x2, x3, 0, 4, 1, 5), 0, 1, 4, 5)
  if (i == 1) return i32x4.shuffle(i32x4.shuffle(x0, x1, 0, 4, 1, 5), i32x4.shuffle(x2, x3, 0, 4, 1, 5), 2, 3, 6, 7)
  if (i == 2) return i32x4.shuffle(i32x4.shuffle(x0, x1, 2, 6, 3, 7), i32x4.shuffle(x2, x3, 2, 6, 3, 7), 0, 1, 4, 5)
  return i32x4.shuffle(i32x4.shuffle(x0, x1, 2, 6, 3, 7), i32x4.shuffle(x2, x3, 2, 6, 3, 7), 2, 3, 6, 7)
}

/** Whether any of the 4 lanes of x or the scalar y is non-zero; NaN counts as non-zero. */
// @ts-ignore: decorator
@inline export function nonzero(x: v128, y: f32): i32 {
  return i32(v128.any_true(f32x4.ne(x, f32x4.splat(0))) | (y != 0))
}

/** Whether any lane of x is non-zero or `z` (a lane of an f32x4.ne mask) is set; NaN counts as non-zero. */
// @ts-ignore: decorator
@inline export function nonzeroOr(x: v128, z: i32): i32 {
  return i32(v128.any_true(f32x4.ne(x, f32x4.splat(0)))) | (z & 1)
}

/** Whether any lane of x or y is non-zero (one step of a B panel); NaN counts as non-zero. */
// @ts-ignore: decorator
@inline export function nonzero8(x: v128, y: v128): i32 {
  const zero = f32x4.splat(0)
  return i32(v128.any_true(v128.or(f32x4.ne(x, zero), f32x4.ne(y, zero))))
}
