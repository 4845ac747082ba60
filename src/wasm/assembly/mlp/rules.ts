/**
 * The update rules of torch.optim (src/optim holds the reference recipes) for four parameters at
 * a time, and the constants each needs for a step, computed in f64 and rounded once.
 */
import {
  FLAG_BUFFER, FLAG_CENTERED, FLAG_NESTEROV, FLAG_RMS_MOMENTUM, HYPER_ALPHA, HYPER_BETA1, HYPER_BETA2,
  HYPER_DAMPENING, HYPER_EPS, HYPER_LR, HYPER_MOMENTUM, HYPER_WEIGHT_DECAY, NET_FLAGS, NET_HYPER, NET_OPT, NET_STEP,
  OPT_ADAGRAD, OPT_ADAM, OPT_ADAMW, OPT_MOMENTUM, OPT_RMSPROP,
} from './fields'
import { fma } from './vmath'

// The update rules, one constant each, so every sweep compiles to its own branch-free loop.
/** p ← p − η·g. */
export const SGD = 0
/** SGD momentum with the buffer: b ← μ·b + (1 − dampening)·g. */
export const MOMENTUM = 1
/** SGD momentum at its first step: b ← g. */
export const MOMENTUM_FIRST = 2
/** Nesterov's step g + μ·b with the buffer. */
export const NESTEROV = 3
/** Nesterov's step at the first step (b ← g). */
export const NESTEROV_FIRST = 4
/** Adam. */
export const ADAM = 5
/** AdamW: the parameter decays before the Adam step. */
export const ADAMW = 6
/** RMSprop. */
export const RMS = 7
/** RMSprop, centered. */
export const RMS_CENTERED = 8
/** RMSprop with momentum. */
export const RMS_MOMENTUM = 9
/** RMSprop, centered, with momentum. */
export const RMS_CENTERED_MOMENTUM = 10
/** Adagrad. */
export const ADAGRAD = 11

/** Hyperparameter `h` (HYPER_*) in f64. */
// @ts-ignore: decorator
@inline export function hyper(net: usize, h: i32): f64 {
  return load<f64>(net + (<usize>NET_HYPER << 2) + (<usize>h << 3))
}

/** The rule for this step, from the optimizer, its flags and whether the momentum buffer exists yet. */
export function ruleOf(net: usize): i32 {
  const opt = load<i32>(net + (<usize>NET_OPT << 2))
  const flags = load<i32>(net + (<usize>NET_FLAGS << 2))
  const first = (flags & FLAG_BUFFER) == 0
  if (opt == OPT_MOMENTUM) {
    if (flags & FLAG_NESTEROV) return first ? NESTEROV_FIRST : NESTEROV
    return first ? MOMENTUM_FIRST : MOMENTUM
  }
  if (opt == OPT_ADAM) return ADAM
  if (opt == OPT_ADAMW) return ADAMW
  if (opt == OPT_RMSPROP) {
    const c = (flags & FLAG_CENTERED) != 0
    const m = (flags & FLAG_RMS_MOMENTUM) != 0
    return c ? (m ? RMS_CENTERED_MOMENTUM : RMS_CENTERED) : m ? RMS_MOMENTUM : RMS
  }
  if (opt == OPT_ADAGRAD) return ADAGRAD
  return SGD
}

/**
 * v with entries below the smallest normal float32 (1.18e-38) set to zero. Optimizer slots decay
 * geometrically where a weight's gradient is zero (MNIST's border pixels), into subnormals, and
 * subnormal arithmetic runs about a hundred times slower on x86 (WASM cannot flush them in
 * hardware). A slot that small moves its parameter by far less than float32 can represent.
 */
// @ts-ignore: decorator
@inline function flush(v: v128): v128 {
  return v128.and(v, f32x4.ge(f32x4.abs(v), f32x4.splat(1.1754943508222875e-38)))
}

/** sign(w) with sign(0) = 0, as torch's (the L1 penalty's derivative). */
// @ts-ignore: decorator
@inline function sign4(w: v128): v128 {
  const one = f32x4.splat(1)
  return f32x4.sub(v128.and(one, f32x4.gt(w, f32x4.splat(0))), v128.and(one, f32x4.lt(w, f32x4.splat(0))))
}

/**
 * One rule applied to the 4 parameters at p (their slots at s0, s1, s2) with gradient g; k0…k7
 * are the rule's constants, splatted once per sweep by `constants`. k0 is always the step's
 * negative learning rate.
 */
// @ts-ignore: decorator
@inline export function rule(
  R: i32, p: usize, s0: usize, s1: usize, s2: usize, g: v128,
  k0: v128, k1: v128, k2: v128, k3: v128, k4: v128, k5: v128, k6: v128, k7: v128,
): void {
  if (R == SGD) {
    v128.store(p, fma(g, k0, v128.load(p)))
  } else if (R == MOMENTUM || R == MOMENTUM_FIRST || R == NESTEROV || R == NESTEROV_FIRST) {
    // k1 = μ, k2 = 1 − dampening. The buffer starts as the first gradient, as torch's does.
    const b = R == MOMENTUM_FIRST || R == NESTEROV_FIRST ? g : flush(fma(k1, v128.load(s0), f32x4.mul(k2, g)))
    v128.store(s0, b)
    const d = R == NESTEROV || R == NESTEROV_FIRST ? fma(k1, b, g) : b
    v128.store(p, fma(d, k0, v128.load(p)))
  } else if (R == ADAM || R == ADAMW) {
    // k0 = −η/(1 − β₁ᵗ), k1 = β₁, k2 = 1 − β₁, k3 = β₂, k4 = 1 − β₂, k5 = 1/√(1 − β₂ᵗ), k6 = ε,
    // k7 = 1 − η·λ: AdamW decays the parameter before the Adam step, as torch does.
    const m = flush(fma(k1, v128.load(s0), f32x4.mul(k2, g)))
    const v = flush(fma(k3, v128.load(s1), f32x4.mul(k4, f32x4.mul(g, g))))
    v128.store(s0, m)
    v128.store(s1, v)
    const denom = fma(f32x4.sqrt(v), k5, k6)
    const p0 = R == ADAMW ? f32x4.mul(v128.load(p), k7) : v128.load(p)
    v128.store(p, fma(f32x4.div(m, denom), k0, p0))
  } else if (R == RMS || R == RMS_CENTERED || R == RMS_MOMENTUM || R == RMS_CENTERED_MOMENTUM) {
    // k1 = α, k2 = 1 − α, k3 = ε, k4 = μ. Slots: square_avg, momentum_buffer, grad_avg.
    const s = flush(fma(k1, v128.load(s0), f32x4.mul(k2, f32x4.mul(g, g))))
    v128.store(s0, s)
    let avg: v128
    if (R == RMS_CENTERED || R == RMS_CENTERED_MOMENTUM) {
      const a = flush(fma(k1, v128.load(s2), f32x4.mul(k2, g)))
      v128.store(s2, a)
      // √ of s − a² as torch takes it: NaN if rounding makes it negative.
      avg = f32x4.add(f32x4.sqrt(f32x4.sub(s, f32x4.mul(a, a))), k3)
    } else {
      avg = f32x4.add(f32x4.sqrt(s), k3)
    }
    let d = f32x4.div(g, avg)
    if (R == RMS_MOMENTUM || R == RMS_CENTERED_MOMENTUM) {
      // torch's buffer starts at zero, so μ·0 + d is the first step's d exactly.
      d = flush(fma(k4, v128.load(s1), d))
      v128.store(s1, d)
    }
    v128.store(p, fma(d, k0, v128.load(p)))
  } else if (R == ADAGRAD) {
    // k1 = ε.
    const s = flush(fma(g, g, v128.load(s0)))
    v128.store(s0, s)
    v128.store(p, fma(f32x4.div(g, f32x4.add(f32x4.sqrt(s), k1)), k0, v128.load(p)))
  }
}

/** The gradient plus the penalty's: g + l2·w + l1·sign(w) (dense weights only). */
// @ts-ignore: decorator
@inline export function penalized(g: v128, w: v128, l1: v128, l2: v128): v128 {
  return fma(l1, sign4(w), fma(l2, w, g))
}

/**
 * Rule constants for this step as 8 floats at `out` (k0…k7 of `rule`), computed in f64 and
 * rounded once; the step count t starts at 1.
 */
export function constants(net: usize, out: usize): void {
  const lr = hyper(net, HYPER_LR)
  const t = <f64>(load<i32>(net + (<usize>NET_STEP << 2)) + 1)
  const opt = load<i32>(net + (<usize>NET_OPT << 2))
  for (let i = 0; i < 8; i++) store<f32>(out + (<usize>i << 2), 0)
  store<f32>(out, <f32>-lr)
  if (opt == OPT_MOMENTUM) {
    store<f32>(out, <f32>hyper(net, HYPER_MOMENTUM), 4)
    store<f32>(out, <f32>(1 - hyper(net, HYPER_DAMPENING)), 8)
  } else if (opt == OPT_ADAM || opt == OPT_ADAMW) {
    const b1 = hyper(net, HYPER_BETA1)
    const b2 = hyper(net, HYPER_BETA2)
    store<f32>(out, <f32>(-lr / (1 - Math.pow(b1, t))))
    store<f32>(out, <f32>b1, 4)
    store<f32>(out, <f32>(1 - b1), 8)
    store<f32>(out, <f32>b2, 12)
    store<f32>(out, <f32>(1 - b2), 16)
    store<f32>(out, <f32>(1 / Math.sqrt(1 - Math.pow(b2, t))), 20)
    store<f32>(out, <f32>hyper(net, HYPER_EPS), 24)
    store<f32>(out, <f32>(1 - lr * hyper(net, HYPER_WEIGHT_DECAY)), 28)
  } else if (opt == OPT_RMSPROP) {
    const a = hyper(net, HYPER_ALPHA)
    store<f32>(out, <f32>a, 4)
    store<f32>(out, <f32>(1 - a), 8)
    store<f32>(out, <f32>hyper(net, HYPER_EPS), 12)
    store<f32>(out, <f32>hyper(net, HYPER_MOMENTUM), 16)
  } else if (opt == OPT_ADAGRAD) {
    store<f32>(out, <f32>hyper(net, HYPER_EPS), 4)
  }
}
