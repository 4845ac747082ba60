/**
 * Where a description's parameters live in one flat block (each weight, then its bias, every
 * segment padded to 16 floats so vector loops need no tails), and the codes the kernels read.
 * The gradient block and each optimizer slot block repeat this layout.
 */
import {
  ACT_ABS, ACT_LEAKY_RELU, ACT_LINEAR, ACT_RELU, ACT_SIGMOID, ACT_SOFTMAX, ACT_TANH, LOSS_MAE, LOSS_MSE,
  LOSS_SIGMOID_BCE, LOSS_SOFTMAX_CE, PAD_FLOATS,
} from '../wasm/assembly/mlp/fields.js'
import type { FastActivation, FastLoss, MlpDescription } from './describe.js'

/**
 * One dense layer in the block: float offsets of its weight and bias [units] (−1: none). The
 * weight is [units, fanIn] as torch stores it, except the first layer's, kept transposed
 * [fanIn, units] so the kernels can skip zero inputs (src/wasm/assembly/mlp/sparse.ts).
 */
export interface LayerLayout {
  readonly weightName: string
  readonly transposed: boolean
  readonly biasName: string | null
  readonly fanIn: number
  readonly units: number
  readonly act: number
  readonly alpha: number
  readonly weight: number
  readonly bias: number
}

/** The block's layers, its size in floats, and the widths the workspace needs. */
export interface Layout {
  readonly layers: readonly LayerLayout[]
  readonly floats: number
  readonly inputs: number
  readonly outputs: number
  /** The widest layer input or output: the scratch row dL/dX needs. */
  readonly widest: number
  readonly loss: number
}

/** n rounded up to whole 64-byte segments. */
export const padded = (n: number): number => Math.ceil(n / PAD_FLOATS) * PAD_FLOATS

const acts: { readonly [T in FastActivation['type']]: number } = {
  linear: ACT_LINEAR,
  relu: ACT_RELU,
  'leaky-relu': ACT_LEAKY_RELU,
  abs: ACT_ABS,
  sigmoid: ACT_SIGMOID,
  tanh: ACT_TANH,
  softmax: ACT_SOFTMAX,
}

const losses: { readonly [T in FastLoss]: number } = {
  mse: LOSS_MSE,
  mae: LOSS_MAE,
  'binary-cross-entropy': LOSS_SIGMOID_BCE,
  'cross-entropy': LOSS_SOFTMAX_CE,
}

/** The block layout of a description, parameters in declaration order (weight, bias, next layer). */
export const layoutOf = (d: MlpDescription): Layout => {
  let at = 0
  let fanIn = d.inputs
  const layers = d.layers.map((l, i): LayerLayout => {
    const weight = at
    at += padded(l.units * fanIn)
    const bias = l.bias ? at : -1
    if (l.bias) at += padded(l.units)
    const a = l.activation
    const entry = {
      weightName: `${l.index}.weight`,
      transposed: i === 0,
      biasName: l.bias ? `${l.index}.bias` : null,
      fanIn,
      units: l.units,
      act: acts[a.type],
      alpha: a.type === 'leaky-relu' ? a.alpha : 0,
      weight,
      bias,
    }
    fanIn = l.units
    return entry
  })
  return {
    layers,
    floats: at,
    inputs: d.inputs,
    outputs: fanIn,
    widest: Math.max(fanIn, ...layers.map((l) => l.fanIn)),
    loss: losses[d.loss],
  }
}
