/**
 * The output unit and its loss, fused: the batch's mean data loss (accumulated in f64) and dL/dZ
 * of the last layer, for mse and mae after any elementwise output unit, sigmoid + binary
 * cross-entropy and softmax + cross-entropy on the logits (finite for any logits: log-sum-exp and
 * log1p(e^−|z|)). Per example the losses are the contract's sums over outputs; the batch loss is
 * their mean, so every gradient carries a factor 1/batch.
 */
import { ACT_LINEAR, LOSS_MAE, LOSS_MSE, LOSS_SIGMOID_BCE } from './fields'
import { deactivate } from './act'
import { exp4 } from './vmath'

// @ts-ignore: decorator
@inline function f(p: usize, i: i32): f32 {
  return load<f32>(p + (<usize>i << 2))
}

/**
 * p = softmax(z) row by row over [rows, c], shifted by the row maximum; returns nothing but
 * leaves Σ exp(z − max) of row r at sums[r] when `sums` is not 0 (the loss needs it).
 * Vectors may run past a row's end: they write the next row's slots before that row is
 * computed, and the last row's into slack.
 */
export function softmaxRows(z: usize, p: usize, rows: i32, c: i32, sums: usize): void {
  const rc = <usize>c << 2
  for (let r = 0; r < rows; r++) {
    const zr = z + <usize>r * rc
    const pr = p + <usize>r * rc
    let m: f32 = -Infinity
    for (let j = 0; j < c; j++) if (f(zr, j) > m) m = f(zr, j)
    // A NaN logit is never > m; it still reaches the sum through exp below.
    const mv = f32x4.splat(m)
    let s: f32 = 0
    for (let j = 0; j < c; j += 4) {
      let x = f32x4.sub(v128.load(zr + (<usize>j << 2)), mv)
      const left = c - j
      if (left < 4) {
        // Lanes past the row: e^−∞ = 0 keeps them out of the sum.
        const lane = i32x4(0, 1, 2, 3)
        x = v128.bitselect(x, f32x4.splat(-Infinity), i32x4.lt_s(lane, i32x4.splat(left)))
      }
      const e = exp4(x)
      v128.store(pr + (<usize>j << 2), e)
    }
    for (let j = 0; j < c; j++) s += f(pr, j)
    const inv = f32x4.splat(1 / s)
    for (let j = 0; j < c; j += 4) v128.store(pr + (<usize>j << 2), f32x4.mul(v128.load(pr + (<usize>j << 2)), inv))
    if (sums != 0) store<f32>(sums + (<usize>r << 2), s)
  }
}

/**
 * Softmax + cross-entropy: per example Σ_c y_c·(lse(z) − z_c) over the c with y_c ≠ 0, and
 * dL/dz = (p·Σ_c y_c − y)/batch. Writes p to `p` (the prediction) and the gradient to dz.
 */
function softmaxCrossEntropy(z: usize, p: usize, y: usize, dz: usize, rows: i32, c: i32, sums: usize): f64 {
  softmaxRows(z, p, rows, c, sums)
  const inv: f32 = 1 / <f32>rows
  let total: f64 = 0
  for (let r = 0; r < rows; r++) {
    const o = r * c
    let m: f32 = -Infinity
    for (let j = 0; j < c; j++) if (f(z, o + j) > m) m = f(z, o + j)
    const lse = <f64>m + Math.log(<f64>f(sums, r))
    let sy: f32 = 0
    for (let j = 0; j < c; j++) {
      const yj = f(y, o + j)
      sy += yj
      if (yj != 0) total += <f64>yj * (lse - <f64>f(z, o + j))
    }
    for (let j = 0; j < c; j++) store<f32>(dz + (<usize>(o + j) << 2), (f(p, o + j) * sy - f(y, o + j)) * inv)
  }
  return total / <f64>rows
}

/**
 * The loss of the batch and dL/dZ of the output layer at dz. z, h: the layer's pre-activations
 * and outputs [rows, c]; act its output unit; scratch: rows·c floats (plus slack) for dL/dh.
 */
export function lossAndGradient(
  loss: i32, act: i32, alpha: f32, z: usize, h: usize, y: usize, dz: usize, scratch: usize, rows: i32, c: i32,
): f64 {
  const count = rows * c
  const inv: f32 = 1 / <f32>rows
  let total: f64 = 0
  if (loss == LOSS_MSE || loss == LOSS_MAE) {
    const dh = act == ACT_LINEAR ? dz : scratch
    const twice: f32 = 2 * inv
    for (let i = 0; i < count; i++) {
      const e = f(h, i) - f(y, i)
      if (loss == LOSS_MSE) {
        total += <f64>e * <f64>e
        store<f32>(dh + (<usize>i << 2), e * twice)
      } else {
        total += <f64>abs(e)
        // sign(0) = 0, as torch; NaN stays NaN.
        const s: f32 = e > 0 ? 1 : e < 0 ? -1 : e
        store<f32>(dh + (<usize>i << 2), s * inv)
      }
    }
    if (act != ACT_LINEAR) deactivate(act, dh, z, h, dz, count, alpha)
    return total / <f64>rows
  }
  if (loss == LOSS_SIGMOID_BCE) {
    for (let i = 0; i < count; i++) {
      const zi = <f64>f(z, i)
      const yi = <f64>f(y, i)
      // softplus(z) − y·z, with softplus(z) = max(z, 0) + log1p(e^−|z|).
      total += (zi > 0 ? zi : 0) - zi * yi + Math.log1p(Math.exp(-Math.abs(zi)))
      store<f32>(dz + (<usize>i << 2), (f(h, i) - f(y, i)) * inv)
    }
    return total / <f64>rows
  }
  return softmaxCrossEntropy(z, h, y, dz, rows, c, scratch)
}
