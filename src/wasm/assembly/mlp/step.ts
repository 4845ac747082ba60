/**
 * One training step of a plain MLP in one call: forward, fused loss and output gradient,
 * backward, the non-finite guard, and the optimizer update in place. The step is applied only
 * when the loss and every gradient are finite, so a refused step leaves parameters, slots and
 * the step count exactly as they were (the generic pipeline's guard, made before any write).
 * The guard looks at the data gradients; the penalty's l2·w + l1·sign(w) can only overflow them
 * for a weight near the float32 maximum, which would have made the loss non-finite first.
 */
import {
  FLAG_BUFFER, FLAG_REGULARIZED, LAYER_ACT, LAYER_ALPHA, LAYER_B, LAYER_BIAS, LAYER_FAN_IN, LAYER_OUTER,
  LAYER_TRANSPOSED, LAYER_UNITS, LAYER_W, LAYER_WORDS, LAYOUT_CHECK, LOSS_SOFTMAX_CE, NET_APPLIED, NET_FLAGS,
  NET_GEMM_WS, NET_GRADS, NET_HEADER, NET_LAYERS, NET_LOSS, NET_PARAMS, NET_SMALL, NET_STEP, PAD_FLOATS, WS_COLUMNS,
  WS_DX, WS_DZ, WS_H, WS_HEADER, WS_LAYER_WORDS, WS_ROW_START, WS_X, WS_Y, WS_Z,
} from './fields'
import { deactivate } from './act'
import { biasGradient, forwardFirst, forwardLayer, inputGradient, weightGradient, weightGradientFirst } from './layer'
import { sparseRows } from './sparse'
import { lossAndGradient, softmaxRows } from './loss'
import { prepareUpdate, updateFlat, updateRows } from './optim'
import { allFinite, copy, maxAbs } from './vmath'

// @ts-ignore: decorator
@inline function word(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2))
}

// @ts-ignore: decorator
@inline function addr(p: usize, i: i32): usize {
  return <usize>load<u32>(p + (<usize>i << 2))
}

// @ts-ignore: decorator
@inline function setWord(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v)
}

// @ts-ignore: decorator
@inline function layerAt(net: usize, l: i32): usize {
  return net + (<usize>(NET_HEADER + l * LAYER_WORDS) << 2)
}

// @ts-ignore: decorator
@inline function buffersAt(ws: usize, l: i32): usize {
  return ws + (<usize>(WS_HEADER + l * WS_LAYER_WORDS) << 2)
}

// @ts-ignore: decorator
@inline function padded(n: i32): i32 {
  return (n + PAD_FLOATS - 1) & ~(PAD_FLOATS - 1)
}

/**
 * At batch 1 the weight gradient dz_j·x_p is finite when every |dz|·|x| product is: checked
 * through the largest of each, below 2¹²⁷ so no product can round to infinity.
 */
const PRODUCT_BOUND: f64 = 1.7014118346046923e38

/** Inputs with at most this share of non-zeros take the sparse first-layer kernels. */
const SPARSE_SHARE: f64 = 0.5

/**
 * Forward through every layer: Z and H of each, H of the last being the output unit's. A first
 * layer stored transposed runs over the inputs' non-zeros when they are few enough.
 */
function forwardAll(net: usize, ws: usize, rows: i32): void {
  const layers = word(net, NET_LAYERS)
  const small = rows <= word(net, NET_SMALL)
  const params = addr(net, NET_PARAMS)
  const gemm = addr(net, NET_GEMM_WS)
  let x = addr(ws, WS_X)
  for (let l = 0; l < layers; l++) {
    const e = layerAt(net, l)
    const b = buffersAt(ws, l)
    const n = word(e, LAYER_FAN_IN)
    const u = word(e, LAYER_UNITS)
    const w = params + addr(e, LAYER_W)
    const bias = word(e, LAYER_BIAS) != 0 ? params + addr(e, LAYER_B) : 0
    const act = word(e, LAYER_ACT)
    const alpha = load<f32>(e + (<usize>LAYER_ALPHA << 2))
    if (word(e, LAYER_TRANSPOSED) != 0) {
      const nnz = sparseRows(x, rows, n, addr(ws, WS_ROW_START), addr(ws, WS_COLUMNS))
      const sparse = <f64>nnz <= SPARSE_SHARE * <f64>rows * <f64>n
      forwardFirst(x, w, bias, addr(b, WS_Z), addr(b, WS_H), rows, n, u, act, alpha, small, gemm, sparse, addr(ws, WS_ROW_START), addr(ws, WS_COLUMNS))
    } else {
      forwardLayer(x, w, bias, addr(b, WS_Z), addr(b, WS_H), rows, n, u, act, alpha, small, gemm)
    }
    x = addr(b, WS_H)
  }
}

/** The model's output for `rows` inputs at the workspace's X, into the last layer's H. */
export function mlpForward(net: usize, ws: usize, rows: i32): void {
  forwardAll(net, ws, rows)
  if (word(net, NET_LOSS) == LOSS_SOFTMAX_CE) {
    const last = word(net, NET_LAYERS) - 1
    const b = buffersAt(ws, last)
    softmaxRows(addr(b, WS_Z), addr(b, WS_H), rows, word(layerAt(net, last), LAYER_UNITS), 0)
  }
}

/**
 * Backward from the output's dZ down to the first layer, leaving each layer's weight gradient in
 * the gradient block (or, at batch 1, marking it as an outer product for the update) and its
 * bias gradient there too. Returns whether every gradient is finite.
 */
function backwardAll(net: usize, ws: usize, rows: i32): bool {
  const layers = word(net, NET_LAYERS)
  const small = rows <= word(net, NET_SMALL)
  const params = addr(net, NET_PARAMS)
  const grads = addr(net, NET_GRADS)
  const gemm = addr(net, NET_GEMM_WS)
  let finite = true
  for (let l = layers - 1; l >= 0; l--) {
    const e = layerAt(net, l)
    const b = buffersAt(ws, l)
    const n = word(e, LAYER_FAN_IN)
    const u = word(e, LAYER_UNITS)
    const dz = addr(b, WS_DZ)
    const x = l == 0 ? addr(ws, WS_X) : addr(buffersAt(ws, l - 1), WS_H)
    const w = params + addr(e, LAYER_W)
    if (l > 0) {
      const below = layerAt(net, l - 1)
      const bb = buffersAt(ws, l - 1)
      const dx = addr(ws, WS_DX)
      inputGradient(dz, w, dx, rows, n, u, small, gemm)
      deactivate(word(below, LAYER_ACT), dx, addr(bb, WS_Z), addr(bb, WS_H), addr(bb, WS_DZ), rows * n, load<f32>(below + (<usize>LAYER_ALPHA << 2)))
    }
    const transposed = word(e, LAYER_TRANSPOSED) != 0
    // A weight row (of W, or of Wᵀ) must be whole vectors for the outer-product update. NaN
    // fails the comparison, so a non-finite dz or x takes the stored path and its check.
    const width = transposed ? u : n
    const outer = rows == 1 && (width & 3) == 0 && <f64>maxAbs(dz, u) * <f64>maxAbs(x, n) < PRODUCT_BOUND
    setWord(e, LAYER_OUTER, outer ? 1 : 0)
    if (!outer) {
      const gw = grads + addr(e, LAYER_W)
      if (transposed) weightGradientFirst(dz, x, gw, rows, n, u, small, gemm)
      else weightGradient(dz, x, gw, rows, n, u, small, gemm)
      finite = finite && allFinite(gw, padded(u * n))
    }
    if (word(e, LAYER_BIAS) != 0) {
      const gb = grads + addr(e, LAYER_B)
      if (rows == 1) copy(gb, dz, u)
      else biasGradient(dz, gb, rows, u)
      // With the outer product, the bound has already shown dz (the bias gradient at batch 1) finite.
      if (!outer) finite = finite && allFinite(gb, padded(u))
    }
  }
  return finite
}

/** Every parameter updated in place by the optimizer, from the gradients `backwardAll` left. */
function updateAll(net: usize, ws: usize): void {
  const layers = word(net, NET_LAYERS)
  const reg = (word(net, NET_FLAGS) & FLAG_REGULARIZED) != 0
  prepareUpdate(net)
  for (let l = 0; l < layers; l++) {
    const e = layerAt(net, l)
    const n = word(e, LAYER_FAN_IN)
    const u = word(e, LAYER_UNITS)
    if (word(e, LAYER_OUTER) != 0) {
      const x = l == 0 ? addr(ws, WS_X) : addr(buffersAt(ws, l - 1), WS_H)
      const dz = addr(buffersAt(ws, l), WS_DZ)
      // Row j of W is dz[j]·x; row p of Wᵀ is x[p]·dz.
      if (word(e, LAYER_TRANSPOSED) != 0) updateRows(net, addr(e, LAYER_W), n, u, x, dz, reg)
      else updateRows(net, addr(e, LAYER_W), u, n, dz, x, reg)
    } else {
      updateFlat(net, addr(e, LAYER_W), padded(u * n), reg)
    }
    if (word(e, LAYER_BIAS) != 0) updateFlat(net, addr(e, LAYER_B), padded(u), false)
  }
}

/**
 * Trains on the `rows` examples at the workspace's X and Y: returns the batch's mean data loss
 * (regularization excluded), computed before the update. NET_APPLIED says whether the update was
 * made; it is not when the loss or a gradient is not finite.
 */
export function mlpStep(net: usize, ws: usize, rows: i32): f64 {
  setWord(net, NET_APPLIED, 0)
  forwardAll(net, ws, rows)
  const last = layerAt(net, word(net, NET_LAYERS) - 1)
  const lb = buffersAt(ws, word(net, NET_LAYERS) - 1)
  const loss = lossAndGradient(
    word(net, NET_LOSS), word(last, LAYER_ACT), load<f32>(last + (<usize>LAYER_ALPHA << 2)), addr(lb, WS_Z), addr(lb, WS_H),
    addr(ws, WS_Y), addr(lb, WS_DZ), addr(ws, WS_DX), rows, word(last, LAYER_UNITS),
  )
  if (!isFinite(loss)) return loss
  if (!backwardAll(net, ws, rows)) return loss
  updateAll(net, ws)
  setWord(net, NET_FLAGS, word(net, NET_FLAGS) | FLAG_BUFFER)
  setWord(net, NET_STEP, word(net, NET_STEP) + 1)
  setWord(net, NET_APPLIED, 1)
  return loss
}

/** The layout this build was compiled with (fields.ts's LAYOUT_CHECK), for the loader to compare. */
export function mlpLayoutCheck(): i32 {
  return LAYOUT_CHECK
}
