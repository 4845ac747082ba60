/**
 * Elementwise activations and their derivatives as flat passes over [batch, units] buffers. The
 * passes run over whole vectors: buffers carry at least 3 floats of slack past their end, and
 * what lands there is never read as a value. The contract's kinks: relu′(0) = 0, abs′(0) = 0,
 * leaky′(0) = alpha.
 */
import { ACT_ABS, ACT_LEAKY_RELU, ACT_LINEAR, ACT_RELU, ACT_SIGMOID, ACT_SOFTMAX, ACT_TANH } from './fields'
import { copy, sigmoid4, tanh4 } from './vmath'

/** f(z) for activation A (alpha: leaky ReLU's slope). */
// @ts-ignore: decorator
@inline function forward(A: i32, z: v128, alpha: v128): v128 {
  const zero = f32x4.splat(0)
  // relu keeps NaN (z < 0 is false for it), as torch.relu and the generic op do.
  if (A == ACT_RELU) return v128.andnot(z, f32x4.lt(z, zero))
  if (A == ACT_LEAKY_RELU) return v128.bitselect(z, f32x4.mul(alpha, z), f32x4.gt(z, zero))
  if (A == ACT_ABS) return f32x4.abs(z)
  if (A == ACT_SIGMOID) return sigmoid4(z)
  if (A == ACT_TANH) return tanh4(z)
  return z
}

/** dy·f′ for activation A, from the pre-activation z and the activation h (whichever is exact). */
// @ts-ignore: decorator
@inline function backward(A: i32, dy: v128, z: v128, h: v128, alpha: v128): v128 {
  const zero = f32x4.splat(0)
  const one = f32x4.splat(1)
  // Multiplying (rather than masking) keeps a NaN dy NaN, as the generic path's products do.
  if (A == ACT_RELU) return f32x4.mul(dy, v128.and(one, f32x4.gt(h, zero)))
  if (A == ACT_LEAKY_RELU) return f32x4.mul(dy, v128.bitselect(one, alpha, f32x4.gt(z, zero)))
  if (A == ACT_ABS) {
    const s = f32x4.sub(v128.and(one, f32x4.gt(z, zero)), v128.and(one, f32x4.lt(z, zero)))
    return f32x4.mul(dy, s)
  }
  if (A == ACT_SIGMOID) return f32x4.mul(dy, f32x4.mul(h, f32x4.sub(one, h)))
  if (A == ACT_TANH) return f32x4.mul(dy, f32x4.sub(one, f32x4.mul(h, h)))
  return dy
}

// @ts-ignore: decorator
@inline function forwardPass(A: i32, z: usize, h: usize, count: i32, alpha: f32): void {
  const a = f32x4.splat(alpha)
  const end = z + (<usize>count << 2)
  for (; z < end; z += 16, h += 16) v128.store(h, forward(A, v128.load(z), a))
}

// @ts-ignore: decorator
@inline function backwardPass(A: i32, dy: usize, z: usize, h: usize, dz: usize, count: i32, alpha: f32): void {
  const a = f32x4.splat(alpha)
  const end = dy + (<usize>count << 2)
  for (; dy < end; dy += 16, z += 16, h += 16, dz += 16) {
    v128.store(dz, backward(A, v128.load(dy), v128.load(z), v128.load(h), a))
  }
}

/** Z[r] += bias, H[r] = f(Z[r]) for each of `rows` rows of width u, in one pass. */
// @ts-ignore: decorator
@inline function biasForwardPass(A: i32, z: usize, bias: usize, h: usize, rows: i32, u: i32, alpha: f32): void {
  const a = f32x4.splat(alpha)
  const ru = <usize>u << 2
  const u4 = <usize>(u & ~3) << 2
  for (let r = 0; r < rows; r++, z += ru, h += ru) {
    for (let j: usize = 0; j < u4; j += 16) {
      const v = f32x4.add(v128.load(z + j), v128.load(bias + j))
      v128.store(z + j, v)
      v128.store(h + j, forward(A, v, a))
    }
    for (let j = u4; j < ru; j += 4) {
      const v = load<f32>(z + j) + load<f32>(bias + j)
      store<f32>(z + j, v)
      store<f32>(h + j, f32x4.extract_lane(forward(A, f32x4.splat(v), a), 0))
    }
  }
}

/** Z += bias row by row and H = f(Z), in one pass (the matmul path's epilogue); softmax is left to the caller. */
export function biasActivate(act: i32, z: usize, bias: usize, h: usize, rows: i32, u: i32, alpha: f32): void {
  switch (act) {
    case ACT_RELU: biasForwardPass(ACT_RELU, z, bias, h, rows, u, alpha); break
    case ACT_LEAKY_RELU: biasForwardPass(ACT_LEAKY_RELU, z, bias, h, rows, u, alpha); break
    case ACT_ABS: biasForwardPass(ACT_ABS, z, bias, h, rows, u, alpha); break
    case ACT_SIGMOID: biasForwardPass(ACT_SIGMOID, z, bias, h, rows, u, alpha); break
    case ACT_TANH: biasForwardPass(ACT_TANH, z, bias, h, rows, u, alpha); break
    default: biasForwardPass(ACT_LINEAR, z, bias, h, rows, u, alpha)
  }
}

/** h = f(z) over `count` floats (rounded up to whole vectors); h may be z. Softmax is row-wise: left to the caller. */
export function activate(act: i32, z: usize, h: usize, count: i32, alpha: f32): void {
  switch (act) {
    case ACT_SOFTMAX: break
    case ACT_RELU: forwardPass(ACT_RELU, z, h, count, alpha); break
    case ACT_LEAKY_RELU: forwardPass(ACT_LEAKY_RELU, z, h, count, alpha); break
    case ACT_ABS: forwardPass(ACT_ABS, z, h, count, alpha); break
    case ACT_SIGMOID: forwardPass(ACT_SIGMOID, z, h, count, alpha); break
    case ACT_TANH: forwardPass(ACT_TANH, z, h, count, alpha); break
    default: if (h != z) copy(h, z, count)
  }
}

/** dz = dy·f′(z) over `count` floats (rounded up to whole vectors); dz may be dy. */
export function deactivate(act: i32, dy: usize, z: usize, h: usize, dz: usize, count: i32, alpha: f32): void {
  switch (act) {
    case ACT_RELU: backwardPass(ACT_RELU, dy, z, h, dz, count, alpha); break
    case ACT_LEAKY_RELU: backwardPass(ACT_LEAKY_RELU, dy, z, h, dz, count, alpha); break
    case ACT_ABS: backwardPass(ACT_ABS, dy, z, h, dz, count, alpha); break
    case ACT_SIGMOID: backwardPass(ACT_SIGMOID, dy, z, h, dz, count, alpha); break
    case ACT_TANH: backwardPass(ACT_TANH, dy, z, h, dz, count, alpha); break
    default: if (dz != dy) copy(dz, dy, count)
  }
}
