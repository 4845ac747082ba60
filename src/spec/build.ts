/**
 * From a decoded spec to the things that run: the model, its loss, the penalty and the optimizer.
 * The one mapping from a spec's `type` names to constructors is here, as explicit object literals;
 * the contract's defaults are the constructors' own parameter defaults.
 */
import type { Layer } from '../graph/layer.js'
import type { Loss } from '../graph/loss.js'
import { type Net, compileNet } from '../graph/net.js'
import { abs, leakyRelu, linear, relu, sigmoid, softmax, tanh } from '../layers/activations.js'
import { dense } from '../layers/dense.js'
import { maxout } from '../layers/maxout.js'
import { mdn } from '../layers/mdn.js'
import { prelu } from '../layers/prelu.js'
import { serial } from '../layers/serial.js'
import { binaryCrossEntropy } from '../losses/binaryCrossEntropy.js'
import { crossEntropy } from '../losses/crossEntropy.js'
import { gaussianNll } from '../losses/gaussianNll.js'
import { mae } from '../losses/mae.js'
import { mdnNll } from '../losses/mdnNll.js'
import { mse } from '../losses/mse.js'
import { penalty } from '../losses/regularization.js'
import { adagrad } from '../optim/adagrad.js'
import { adam } from '../optim/adam.js'
import { adamw } from '../optim/adamw.js'
import type { Optimizer } from '../optim/optimizer.js'
import { rmsprop } from '../optim/rmsprop.js'
import { sgd } from '../optim/sgd.js'
import { defaultKernels } from '../tensor/backend.js'
import type { Kernels } from '../tensor/kernels.js'
import type { LayerSpec, LossType } from './model.js'
import type { OptimizerSpec } from './optimizer.js'
import type { Spec } from './spec.js'

/** The exact fields a layer's spec carries, when its type is T. */
type LayerOf<T extends LayerSpec['type']> = Extract<LayerSpec, { type: T }>

const layers: { readonly [T in LayerSpec['type']]: (l: LayerOf<T>) => Layer } = {
  dense: (l) => dense(l),
  relu: () => relu(),
  'leaky-relu': (l) => leakyRelu(l),
  prelu: (l) => prelu(l),
  abs: () => abs(),
  maxout: (l) => maxout({ k: l.k }),
  sigmoid: () => sigmoid(),
  tanh: () => tanh(),
  softmax: () => softmax(),
  linear: () => linear(),
  mdn: (l) => mdn({ components: l.components }),
}

const losses: { readonly [T in LossType]: Loss } = {
  mse,
  mae,
  'binary-cross-entropy': binaryCrossEntropy,
  'cross-entropy': crossEntropy,
  'gaussian-nll': gaussianNll,
  'mdn-nll': mdnNll,
}

/** The layer a spec entry describes. */
export const layerOf = (l: LayerSpec): Layer => (layers[l.type] as (l: LayerSpec) => Layer)(l)

/** The spec's layer list as one serial model (parameters named `i.weight`, as torch.nn.Sequential). */
export const modelOf = (spec: Pick<Spec, 'model'>): Layer => serial(...spec.model.layers.map(layerOf))

/** The loss a spec names. */
export const lossOf = (spec: Pick<Spec, 'loss'>): Loss => losses[spec.loss.type]

/** The compiled network of a spec (model, loss and its L1/L2 penalty) on the given kernels (the fastest available by default). */
export const netOf = (spec: Pick<Spec, 'model' | 'loss' | 'regularization'>, kernels: Kernels = defaultKernels()): Net =>
  compileNet(modelOf(spec), lossOf(spec), { inputs: spec.model.inputs, penalty: penalty(spec.regularization ?? {}), kernels })

/** The optimizer of a spec with a given learning rate (the spec's own, or one a control swaps in). */
export const optimizerOf = (o: OptimizerSpec, learningRate: number = o.learningRate): Optimizer<unknown> => {
  const { type, ...options } = o
  const with_ = { ...options, learningRate }
  switch (type) {
    case 'sgd':
      return sgd(with_ as Parameters<typeof sgd>[0]) as Optimizer<unknown>
    case 'adam':
      return adam(with_ as Parameters<typeof adam>[0]) as Optimizer<unknown>
    case 'adamw':
      return adamw(with_ as Parameters<typeof adamw>[0]) as Optimizer<unknown>
    case 'rmsprop':
      return rmsprop(with_ as Parameters<typeof rmsprop>[0]) as Optimizer<unknown>
    case 'adagrad':
      return adagrad(with_ as Parameters<typeof adagrad>[0]) as Optimizer<unknown>
  }
}
