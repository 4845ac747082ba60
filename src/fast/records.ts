/**
 * The two records the kernels read (src/wasm/assembly/mlp/fields.ts): the net record, written
 * once per net (hyperparameters, block addresses, one entry per layer), and a workspace record
 * per batch capacity, with the buffers it points to.
 */
import type { OptimizerSpec } from '../spec/optimizer.js'
import type { Arena } from '../tensor/wasm/arena.js'
import {
  ACT_LINEAR, FLAG_CENTERED, FLAG_NESTEROV, FLAG_REGULARIZED, FLAG_RMS_MOMENTUM, HYPER_ALPHA, HYPER_BETA1,
  HYPER_BETA2, HYPER_DAMPENING, HYPER_EPS, HYPER_L1, HYPER_L2, HYPER_LR, HYPER_MOMENTUM, HYPER_WEIGHT_DECAY,
  LAYER_ACT, LAYER_ALPHA, LAYER_B, LAYER_BIAS, LAYER_FAN_IN, LAYER_TRANSPOSED, LAYER_UNITS, LAYER_W, LAYER_WORDS, NET_FLAGS,
  NET_GEMM_WS, NET_GRADS, NET_HEADER, NET_HYPER, NET_LAYERS, NET_LOSS, NET_OPT, NET_PARAMS, NET_SLOT0, NET_SMALL,
  OPT_ADAGRAD, OPT_ADAM, OPT_ADAMW, OPT_MOMENTUM, OPT_RMSPROP, OPT_SGD, PAD_FLOATS, WS_CAPACITY, WS_COLUMNS,
  WS_DX, WS_DZ, WS_H, WS_HEADER, WS_LAYER_WORDS, WS_ROW_START, WS_X, WS_Y, WS_Z,
} from '../wasm/assembly/mlp/fields.js'
import type { Layout } from './layout.js'

/** Block addresses a net record points to (0 for slot blocks its optimizer does not use). */
export interface Blocks {
  readonly params: number
  readonly grads: number
  readonly slots: readonly [number, number, number]
  readonly gemm: number
}

/** Int32, Float32 and Float64 views of one record (64-byte aligned), which never detach (shared memory). */
export interface Record32 {
  readonly address: number
  readonly words: Int32Array
  readonly floats: Float32Array
  readonly doubles: Float64Array
}

/** A zeroed record of n words in the arena. */
export const record = (arena: Arena, n: number): Record32 => {
  const address = arena.reserve(n * 4)
  const buffer = arena.heap().buffer
  return {
    address,
    words: new Int32Array(buffer, address, n),
    floats: new Float32Array(buffer, address, n),
    doubles: new Float64Array(buffer, address, n >> 1),
  }
}

/** Where hyperparameter h (HYPER_*) sits in a record's Float64Array view. */
export const hyperAt = (h: number): number => (NET_HYPER >> 1) + h

/** The optimizer code and its flags. */
const optimizerCode = (o: OptimizerSpec): [number, number] => {
  switch (o.type) {
    case 'sgd':
      return (o.momentum ?? 0) > 0 ? [OPT_MOMENTUM, o.nesterov === true ? FLAG_NESTEROV : 0] : [OPT_SGD, 0]
    case 'adam':
      return [OPT_ADAM, 0]
    case 'adamw':
      return [OPT_ADAMW, 0]
    case 'rmsprop':
      return [OPT_RMSPROP, (o.centered === true ? FLAG_CENTERED : 0) | ((o.momentum ?? 0) > 0 ? FLAG_RMS_MOMENTUM : 0)]
    case 'adagrad':
      return [OPT_ADAGRAD, 0]
  }
}

/** Hyperparameters with torch's defaults, as [HYPER_*, value] pairs. */
const hyperparameters = (o: OptimizerSpec): [number, number][] => {
  switch (o.type) {
    case 'sgd':
      return [[HYPER_MOMENTUM, o.momentum ?? 0], [HYPER_DAMPENING, o.dampening ?? 0]]
    case 'adam':
      return [[HYPER_BETA1, o.beta1 ?? 0.9], [HYPER_BETA2, o.beta2 ?? 0.999], [HYPER_EPS, o.eps ?? 1e-8]]
    case 'adamw':
      return [[HYPER_BETA1, o.beta1 ?? 0.9], [HYPER_BETA2, o.beta2 ?? 0.999], [HYPER_EPS, o.eps ?? 1e-8], [HYPER_WEIGHT_DECAY, o.weightDecay ?? 0.01]]
    case 'rmsprop':
      return [[HYPER_ALPHA, o.alpha ?? 0.99], [HYPER_EPS, o.eps ?? 1e-8], [HYPER_MOMENTUM, o.momentum ?? 0]]
    case 'adagrad':
      return [[HYPER_EPS, o.eps ?? 1e-10]]
  }
}

/** Words of a net record with `layers` layers. */
export const netWords = (layers: number): number => NET_HEADER + layers * LAYER_WORDS

/** Fills a zeroed net record: layout, optimizer, penalty, blocks and the small-batch limit. */
export const writeNet = (
  r: Record32, layout: Layout, o: OptimizerSpec, penalty: { readonly l1: number; readonly l2: number }, blocks: Blocks, small: number,
): void => {
  const { words, floats, doubles } = r
  const [opt, flags] = optimizerCode(o)
  words[NET_LAYERS] = layout.layers.length
  words[NET_LOSS] = layout.loss
  words[NET_OPT] = opt
  words[NET_FLAGS] = flags | (penalty.l1 > 0 || penalty.l2 > 0 ? FLAG_REGULARIZED : 0)
  words[NET_PARAMS] = blocks.params
  words[NET_GRADS] = blocks.grads
  blocks.slots.forEach((s, i) => (words[NET_SLOT0 + i] = s))
  words[NET_GEMM_WS] = blocks.gemm
  words[NET_SMALL] = small
  doubles[hyperAt(HYPER_LR)] = o.learningRate
  for (const [h, value] of hyperparameters(o)) doubles[hyperAt(h)] = value
  doubles[hyperAt(HYPER_L1)] = penalty.l1
  doubles[hyperAt(HYPER_L2)] = penalty.l2
  layout.layers.forEach((l, i) => {
    const e = NET_HEADER + i * LAYER_WORDS
    words[e + LAYER_FAN_IN] = l.fanIn
    words[e + LAYER_UNITS] = l.units
    words[e + LAYER_ACT] = l.act
    floats[e + LAYER_ALPHA] = l.alpha
    words[e + LAYER_BIAS] = l.bias >= 0 ? 1 : 0
    words[e + LAYER_W] = l.weight * 4
    words[e + LAYER_B] = Math.max(l.bias, 0) * 4
    words[e + LAYER_TRANSPOSED] = l.transposed ? 1 : 0
  })
}

/** A workspace for batches up to `capacity`: its record and views of its inputs, targets and outputs. */
export interface Workspace {
  readonly address: number
  readonly capacity: number
  readonly x: Float32Array
  readonly y: Float32Array
  /** The last layer's activations: the model's output (softmax probabilities for cross-entropy). */
  readonly output: Float32Array
}

/** Reserves a workspace's buffers (each with slack for whole-vector passes) and its record. */
export const workspace = (arena: Arena, layout: Layout, capacity: number): Workspace => {
  const r = record(arena, WS_HEADER + layout.layers.length * WS_LAYER_WORDS)
  const buffer = (floats: number): number => arena.reserve((floats + PAD_FLOATS) * 4)
  const x = buffer(capacity * layout.inputs)
  const y = buffer(capacity * layout.outputs)
  r.words[WS_CAPACITY] = capacity
  r.words[WS_X] = x
  r.words[WS_Y] = y
  r.words[WS_DX] = buffer(capacity * layout.widest)
  // The first layer's view of the inputs' non-zeros (int32 words, the same size as floats).
  r.words[WS_ROW_START] = buffer(capacity + 1)
  r.words[WS_COLUMNS] = buffer(capacity * layout.inputs)
  let h = 0
  layout.layers.forEach((l, i) => {
    const e = WS_HEADER + i * WS_LAYER_WORDS
    const z = buffer(capacity * l.units)
    // A linear layer's activations are its pre-activations.
    h = l.act === ACT_LINEAR ? z : buffer(capacity * l.units)
    r.words[e + WS_Z] = z
    r.words[e + WS_H] = h
    r.words[e + WS_DZ] = buffer(capacity * l.units)
  })
  const heap = arena.heap().buffer
  return {
    address: r.address,
    capacity,
    x: new Float32Array(heap, x, capacity * layout.inputs),
    y: new Float32Array(heap, y, capacity * layout.outputs),
    output: new Float32Array(heap, h, capacity * layout.outputs),
  }
}
