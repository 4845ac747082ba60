/**
 * The optimizers of torch.optim (src/optim holds the reference recipes), applied in place, four
 * parameters at a time. The gradient, slot and parameter blocks share one layout, so a parameter
 * at byte offset o has its gradient at grads + o and its slots at slotK + o.
 *
 * A gradient comes either from the gradient block (`sweepFlat`, a whole padded segment: the
 * padding holds zeros, which every rule maps to zeros), or, at batch 1, straight from the outer
 * product dZ[j]·h that is never stored (`sweepRows`, rows whose width is a multiple of 4).
 */
import {
  FLAG_BUFFER, FLAG_CENTERED, FLAG_NESTEROV, FLAG_RMS_MOMENTUM, HYPER_ALPHA, HYPER_BETA1, HYPER_BETA2,
  HYPER_DAMPENING, HYPER_EPS, HYPER_L1, HYPER_L2, HYPER_LR, HYPER_MOMENTUM, HYPER_WEIGHT_DECAY, NET_CONSTANTS,
  NET_FLAGS, NET_GRADS, NET_HYPER, NET_OPT, NET_PARAMS, NET_SLOT0, NET_SLOT1, NET_SLOT2, NET_STEP, OPT_ADAGRAD,
  OPT_ADAM, OPT_ADAMW, OPT_MOMENTUM, OPT_RMSPROP,
} from './fields'
import { fma } from './vmath'

// The update rules, one constant each, so every sweep compiles to its own branch-free loop.
const SGD = 0
const MOMENTUM = 1
const MOMENTUM_FIRST = 2
const NESTEROV = 3
const NESTEROV_FIRST = 4
const ADAM = 5
const ADAMW = 6
const RMS = 7
const RMS_CENTERED = 8
const RMS_MOMENTUM = 9
const RMS_CENTERED_MOMENTUM = 10
const ADAGRAD = 11

/** Hyperparameter `h` (HYPER_*) in f64. */
// @ts-ignore: decorator
@inline function hyper(net: usize, h: i32): f64 {
  return load<f64>(net + (<usize>NET_HYPER << 2) + (<usize>h << 3))
}

// @ts-ignore: decorator
@inline function ptrAt(net: usize, field: i32): usize {
  return <usize>load<u32>(net + (<usize>field << 2))
}

/** The rule for this step, from the optimizer, its flags and whether the momentum buffer exists yet. */
function ruleOf(net: usize): i32 {
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
@inline function rule(
  R: i32, p: usize, s0: usize, s1: usize, s2: usize, g: v128,
  k0: v128, k1: v128, k2: v128, k3: v128, k4: v128, k5: v128, k6: v128, k7: v128,
): void {
  if (R == SGD) {
    v128.store(p, fma(g, k0, v128.load(p)))
  } else if (R == MOMENTUM || R == MOMENTUM_FIRST || R == NESTEROV || R == NESTEROV_FIRST) {
    // k1 = μ, k2 = 1 − dampening. The buffer starts as the first gradient, as torch's does.
    const b = R == MOMENTUM_FIRST || R == NESTEROV_FIRST ? g : fma(k1, v128.load(s0), f32x4.mul(k2, g))
    v128.store(s0, b)
    const d = R == NESTEROV || R == NESTEROV_FIRST ? fma(k1, b, g) : b
    v128.store(p, fma(d, k0, v128.load(p)))
  } else if (R == ADAM || R == ADAMW) {
    // k0 = −η/(1 − β₁ᵗ), k1 = β₁, k2 = 1 − β₁, k3 = β₂, k4 = 1 − β₂, k5 = 1/√(1 − β₂ᵗ), k6 = ε,
    // k7 = 1 − η·λ: AdamW decays the parameter before the Adam step, as torch does.
    const m = fma(k1, v128.load(s0), f32x4.mul(k2, g))
    const v = fma(k3, v128.load(s1), f32x4.mul(k4, f32x4.mul(g, g)))
    v128.store(s0, m)
    v128.store(s1, v)
    const denom = fma(f32x4.sqrt(v), k5, k6)
    const p0 = R == ADAMW ? f32x4.mul(v128.load(p), k7) : v128.load(p)
    v128.store(p, fma(f32x4.div(m, denom), k0, p0))
  } else if (R == RMS || R == RMS_CENTERED || R == RMS_MOMENTUM || R == RMS_CENTERED_MOMENTUM) {
    // k1 = α, k2 = 1 − α, k3 = ε, k4 = μ. Slots: square_avg, momentum_buffer, grad_avg.
    const s = fma(k1, v128.load(s0), f32x4.mul(k2, f32x4.mul(g, g)))
    v128.store(s0, s)
    let avg: v128
    if (R == RMS_CENTERED || R == RMS_CENTERED_MOMENTUM) {
      const a = fma(k1, v128.load(s2), f32x4.mul(k2, g))
      v128.store(s2, a)
      // √ of s − a² as torch takes it: NaN if rounding makes it negative.
      avg = f32x4.add(f32x4.sqrt(f32x4.sub(s, f32x4.mul(a, a))), k3)
    } else {
      avg = f32x4.add(f32x4.sqrt(s), k3)
    }
    let d = f32x4.div(g, avg)
    if (R == RMS_MOMENTUM || R == RMS_CENTERED_MOMENTUM) {
      // torch's buffer starts at zero, so μ·0 + d is the first step's d exactly.
      d = fma(k4, v128.load(s1), d)
      v128.store(s1, d)
    }
    v128.store(p, fma(d, k0, v128.load(p)))
  } else if (R == ADAGRAD) {
    // k1 = ε.
    const s = fma(g, g, v128.load(s0))
    v128.store(s0, s)
    v128.store(p, fma(f32x4.div(g, f32x4.add(f32x4.sqrt(s), k1)), k0, v128.load(p)))
  }
}

/** The gradient plus the penalty's: g + l2·w + l1·sign(w) (dense weights only). */
// @ts-ignore: decorator
@inline function penalized(g: v128, w: v128, l1: v128, l2: v128): v128 {
  return fma(l1, sign4(w), fma(l2, w, g))
}

/**
 * Rule constants for this step as 8 floats at `out` (k0…k7 of `rule`), computed in f64 and
 * rounded once; the step count t starts at 1.
 */
function constants(net: usize, out: usize): void {
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

/**
 * Applies rule R to the parameters at byte offsets [off, off + 4·count) of the blocks, reading
 * gradients from the gradient block (count a multiple of 4); with REG, adds the penalty first.
 */
// @ts-ignore: decorator
@inline function sweepFlat(R: i32, REG: bool, net: usize, k: usize, off: usize, count: i32): void {
  const k0 = v128.load32_splat(k), k1 = v128.load32_splat(k, 4), k2 = v128.load32_splat(k, 8)
  const k3 = v128.load32_splat(k, 12), k4 = v128.load32_splat(k, 16), k5 = v128.load32_splat(k, 20)
  const k6 = v128.load32_splat(k, 24), k7 = v128.load32_splat(k, 28)
  const l1 = f32x4.splat(<f32>hyper(net, HYPER_L1)), l2 = f32x4.splat(<f32>hyper(net, HYPER_L2))
  const p = ptrAt(net, NET_PARAMS) + off
  const g = ptrAt(net, NET_GRADS) + off
  const s0 = ptrAt(net, NET_SLOT0) + off, s1 = ptrAt(net, NET_SLOT1) + off, s2 = ptrAt(net, NET_SLOT2) + off
  const bytes = <usize>count << 2
  for (let i: usize = 0; i < bytes; i += 16) {
    let gv = v128.load(g + i)
    if (REG) gv = penalized(gv, v128.load(p + i), l1, l2)
    rule(R, p + i, s0 + i, s1 + i, s2 + i, gv, k0, k1, k2, k3, k4, k5, k6, k7)
  }
}

/**
 * Applies rule R to a [rows, n] weight at byte offset `off` (n a multiple of 4), the gradient of
 * row j being dz[j]·h: batch 1, where the outer product is cheaper to recompute than to store.
 */
// @ts-ignore: decorator
@inline function sweepRows(R: i32, REG: bool, net: usize, k: usize, off: usize, rows: i32, n: i32, dz: usize, h: usize): void {
  const k0 = v128.load32_splat(k), k1 = v128.load32_splat(k, 4), k2 = v128.load32_splat(k, 8)
  const k3 = v128.load32_splat(k, 12), k4 = v128.load32_splat(k, 16), k5 = v128.load32_splat(k, 20)
  const k6 = v128.load32_splat(k, 24), k7 = v128.load32_splat(k, 28)
  const l1 = f32x4.splat(<f32>hyper(net, HYPER_L1)), l2 = f32x4.splat(<f32>hyper(net, HYPER_L2))
  let p = ptrAt(net, NET_PARAMS) + off
  let s0 = ptrAt(net, NET_SLOT0) + off, s1 = ptrAt(net, NET_SLOT1) + off, s2 = ptrAt(net, NET_SLOT2) + off
  const width = <usize>n << 2
  for (let j = 0; j < rows; j++) {
    const d = v128.load32_splat(dz + (<usize>j << 2))
    if (R == SGD && !REG) {
      // Plain SGD folds −η into dz_j once per row: one multiply-add per 4 weights.
      const dk = f32x4.mul(d, k0)
      for (let i: usize = 0; i < width; i += 32) {
        v128.store(p + i, fma(v128.load(h + i), dk, v128.load(p + i)))
        if (i + 16 < width) v128.store(p + i, fma(v128.load(h + i, 16), dk, v128.load(p + i, 16)), 16)
      }
    } else {
      for (let i: usize = 0; i < width; i += 16) {
        let gv = f32x4.mul(d, v128.load(h + i))
        if (REG) gv = penalized(gv, v128.load(p + i), l1, l2)
        rule(R, p + i, s0 + i, s1 + i, s2 + i, gv, k0, k1, k2, k3, k4, k5, k6, k7)
      }
    }
    p += width
    s0 += width
    s1 += width
    s2 += width
  }
}

/** Constants of this step's rule into the net record's scratch (once per step, before any update). */
export function prepareUpdate(net: usize): void {
  constants(net, net + (<usize>NET_CONSTANTS << 2))
}

/** The segment of `count` floats (a multiple of 4) at offset `off`, gradients from the gradient block. */
export function updateFlat(net: usize, off: usize, count: i32, reg: bool): void {
  const k = net + (<usize>NET_CONSTANTS << 2)
  if (reg) {
    switch (ruleOf(net)) {
    case SGD: sweepFlat(SGD, true, net, k, off, count); break
    case MOMENTUM: sweepFlat(MOMENTUM, true, net, k, off, count); break
    case MOMENTUM_FIRST: sweepFlat(MOMENTUM_FIRST, true, net, k, off, count); break
    case NESTEROV: sweepFlat(NESTEROV, true, net, k, off, count); break
    case NESTEROV_FIRST: sweepFlat(NESTEROV_FIRST, true, net, k, off, count); break
    case ADAM: sweepFlat(ADAM, true, net, k, off, count); break
    case ADAMW: sweepFlat(ADAMW, true, net, k, off, count); break
    case RMS: sweepFlat(RMS, true, net, k, off, count); break
    case RMS_CENTERED: sweepFlat(RMS_CENTERED, true, net, k, off, count); break
    case RMS_MOMENTUM: sweepFlat(RMS_MOMENTUM, true, net, k, off, count); break
    case RMS_CENTERED_MOMENTUM: sweepFlat(RMS_CENTERED_MOMENTUM, true, net, k, off, count); break
    case ADAGRAD: sweepFlat(ADAGRAD, true, net, k, off, count); break
    }
  } else {
    switch (ruleOf(net)) {
    case SGD: sweepFlat(SGD, false, net, k, off, count); break
    case MOMENTUM: sweepFlat(MOMENTUM, false, net, k, off, count); break
    case MOMENTUM_FIRST: sweepFlat(MOMENTUM_FIRST, false, net, k, off, count); break
    case NESTEROV: sweepFlat(NESTEROV, false, net, k, off, count); break
    case NESTEROV_FIRST: sweepFlat(NESTEROV_FIRST, false, net, k, off, count); break
    case ADAM: sweepFlat(ADAM, false, net, k, off, count); break
    case ADAMW: sweepFlat(ADAMW, false, net, k, off, count); break
    case RMS: sweepFlat(RMS, false, net, k, off, count); break
    case RMS_CENTERED: sweepFlat(RMS_CENTERED, false, net, k, off, count); break
    case RMS_MOMENTUM: sweepFlat(RMS_MOMENTUM, false, net, k, off, count); break
    case RMS_CENTERED_MOMENTUM: sweepFlat(RMS_CENTERED_MOMENTUM, false, net, k, off, count); break
    case ADAGRAD: sweepFlat(ADAGRAD, false, net, k, off, count); break
    }
  }
}

/** A [rows, n] weight at offset `off` (n a multiple of 4) whose gradient is the outer product dz ⊗ h. */
export function updateRows(net: usize, off: usize, rows: i32, n: i32, dz: usize, h: usize, reg: bool): void {
  const k = net + (<usize>NET_CONSTANTS << 2)
  if (reg) {
    switch (ruleOf(net)) {
    case SGD: sweepRows(SGD, true, net, k, off, rows, n, dz, h); break
    case MOMENTUM: sweepRows(MOMENTUM, true, net, k, off, rows, n, dz, h); break
    case MOMENTUM_FIRST: sweepRows(MOMENTUM_FIRST, true, net, k, off, rows, n, dz, h); break
    case NESTEROV: sweepRows(NESTEROV, true, net, k, off, rows, n, dz, h); break
    case NESTEROV_FIRST: sweepRows(NESTEROV_FIRST, true, net, k, off, rows, n, dz, h); break
    case ADAM: sweepRows(ADAM, true, net, k, off, rows, n, dz, h); break
    case ADAMW: sweepRows(ADAMW, true, net, k, off, rows, n, dz, h); break
    case RMS: sweepRows(RMS, true, net, k, off, rows, n, dz, h); break
    case RMS_CENTERED: sweepRows(RMS_CENTERED, true, net, k, off, rows, n, dz, h); break
    case RMS_MOMENTUM: sweepRows(RMS_MOMENTUM, true, net, k, off, rows, n, dz, h); break
    case RMS_CENTERED_MOMENTUM: sweepRows(RMS_CENTERED_MOMENTUM, true, net, k, off, rows, n, dz, h); break
    case ADAGRAD: sweepRows(ADAGRAD, true, net, k, off, rows, n, dz, h); break
    }
  } else {
    switch (ruleOf(net)) {
    case SGD: sweepRows(SGD, false, net, k, off, rows, n, dz, h); break
    case MOMENTUM: sweepRows(MOMENTUM, false, net, k, off, rows, n, dz, h); break
    case MOMENTUM_FIRST: sweepRows(MOMENTUM_FIRST, false, net, k, off, rows, n, dz, h); break
    case NESTEROV: sweepRows(NESTEROV, false, net, k, off, rows, n, dz, h); break
    case NESTEROV_FIRST: sweepRows(NESTEROV_FIRST, false, net, k, off, rows, n, dz, h); break
    case ADAM: sweepRows(ADAM, false, net, k, off, rows, n, dz, h); break
    case ADAMW: sweepRows(ADAMW, false, net, k, off, rows, n, dz, h); break
    case RMS: sweepRows(RMS, false, net, k, off, rows, n, dz, h); break
    case RMS_CENTERED: sweepRows(RMS_CENTERED, false, net, k, off, rows, n, dz, h); break
    case RMS_MOMENTUM: sweepRows(RMS_MOMENTUM, false, net, k, off, rows, n, dz, h); break
    case RMS_CENTERED_MOMENTUM: sweepRows(RMS_CENTERED_MOMENTUM, false, net, k, off, rows, n, dz, h); break
    case ADAGRAD: sweepRows(ADAGRAD, false, net, k, off, rows, n, dz, h); break
    }
  }
}
