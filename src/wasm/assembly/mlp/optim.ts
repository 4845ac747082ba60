/**
 * Optimizer updates in place, four parameters at a time, over the blocks of the net record. The
 * gradient, slot and parameter blocks share one layout, so a parameter at byte offset o has its
 * gradient at grads + o and its slots at slotK + o.
 *
 * A gradient comes either from the gradient block (`sweepFlat`, a whole padded segment: the
 * padding holds zeros, which every rule maps to zeros), or, at batch 1, straight from the outer
 * product dZ[j]·h that is never stored (`sweepRows`, rows whose width is a multiple of 4).
 */
import { HYPER_L1, HYPER_L2, NET_CONSTANTS, NET_GRADS, NET_PARAMS, NET_SLOT0, NET_SLOT1, NET_SLOT2 } from './fields'
import {
  ADAGRAD, ADAM, ADAMW, MOMENTUM, MOMENTUM_FIRST, NESTEROV, NESTEROV_FIRST, RMS, RMS_CENTERED, RMS_CENTERED_MOMENTUM,
  RMS_MOMENTUM, SGD, constants, hyper, penalized, rule, ruleOf,
} from './rules'
import { fma } from './vmath'

// @ts-ignore: decorator
@inline function ptrAt(net: usize, field: i32): usize {
  return <usize>load<u32>(net + (<usize>field << 2))
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
      let i: usize = 0
      for (; i + 64 <= width; i += 64) {
        v128.store(p + i, fma(v128.load(h + i), dk, v128.load(p + i)))
        v128.store(p + i, fma(v128.load(h + i, 16), dk, v128.load(p + i, 16)), 16)
        v128.store(p + i, fma(v128.load(h + i, 32), dk, v128.load(p + i, 32)), 32)
        v128.store(p + i, fma(v128.load(h + i, 48), dk, v128.load(p + i, 48)), 48)
      }
      for (; i < width; i += 16) v128.store(p + i, fma(v128.load(h + i), dk, v128.load(p + i)))
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
