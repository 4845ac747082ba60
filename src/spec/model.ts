/** The `model` and `loss` sections of a spec: layer and loss codecs, with the contract's fields only. */
import type * as t from 'io-ts'
import { arrayOf, closed, tagged, variant } from './codecs.js'
import { Bool, FiniteNumber, PositiveInt } from './refined.js'

/** One entry of `model.layers`; defaults (`bias` true, `alpha` 0.01, `init` 0.25) are the builders'. */
export const LayerSpec = tagged('LayerSpec', {
  dense: variant('dense', { units: PositiveInt }, { bias: Bool }),
  relu: variant('relu', {}),
  'leaky-relu': variant('leaky-relu', {}, { alpha: FiniteNumber }),
  prelu: variant('prelu', {}, { init: FiniteNumber }),
  abs: variant('abs', {}),
  maxout: variant('maxout', { k: PositiveInt }),
  sigmoid: variant('sigmoid', {}),
  tanh: variant('tanh', {}),
  softmax: variant('softmax', {}),
  linear: variant('linear', {}),
  mdn: variant('mdn', { components: PositiveInt }),
})
/** One layer as written in the spec. */
export type LayerSpec = t.TypeOf<typeof LayerSpec>
/** The layer type names. */
export type LayerType = LayerSpec['type']

/** `model`: the input width and the layers in order. */
export const ModelSpec = closed('ModelSpec', { inputs: PositiveInt, layers: arrayOf('an array of layers', LayerSpec) })
/** The model section as written in the spec. */
export type ModelSpec = t.TypeOf<typeof ModelSpec>

/** `loss`: which per-example loss; pairings with the output layer are checked by `checkSpec`. */
export const LossSpec = tagged('LossSpec', {
  mse: variant('mse', {}),
  mae: variant('mae', {}),
  'binary-cross-entropy': variant('binary-cross-entropy', {}),
  'cross-entropy': variant('cross-entropy', {}),
  'gaussian-nll': variant('gaussian-nll', {}),
  'mdn-nll': variant('mdn-nll', {}),
})
/** The loss section as written in the spec. */
export type LossSpec = t.TypeOf<typeof LossSpec>
/** The loss type names. */
export type LossType = LossSpec['type']
