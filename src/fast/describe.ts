/**
 * What the fused trainer can run, as a small record, and how a spec's model becomes one: dense
 * layers, each followed by at most one elementwise activation, ending in an output unit that
 * pairs with the loss (linear or any elementwise unit with mse or mae; sigmoid with binary
 * cross-entropy and softmax with cross-entropy, fused on the logits).
 */
import type { LayerSpec } from '../spec/model.js'
import type { OptimizerSpec } from '../spec/optimizer.js'
import type { Spec } from '../spec/spec.js'

/** An activation after a dense layer; softmax only as the output unit of cross-entropy. */
export type FastActivation =
  | { readonly type: 'linear' | 'relu' | 'abs' | 'sigmoid' | 'tanh' | 'softmax' }
  | { readonly type: 'leaky-relu'; readonly alpha: number }

/** A dense layer and its activation; `index` is its place in the layer list, so its parameters are `{index}.weight`, `{index}.bias`. */
export interface FastLayer {
  readonly index: number
  readonly units: number
  readonly bias: boolean
  readonly activation: FastActivation
}

/** The losses the trainer fuses with the output unit. */
export type FastLoss = 'mse' | 'mae' | 'binary-cross-entropy' | 'cross-entropy'

/** A plain MLP with its loss, optimizer and penalty: everything a fused step needs. */
export interface MlpDescription {
  readonly inputs: number
  readonly layers: readonly FastLayer[]
  readonly loss: FastLoss
  readonly optimizer: OptimizerSpec
  readonly regularization?: { readonly l1?: number; readonly l2?: number }
}

/** A description, or why the model is not one the trainer runs. */
export type Described = { readonly ok: true; readonly description: MlpDescription } | { readonly ok: false; readonly reason: string }

const fail = (reason: string): Described => ({ ok: false, reason })

const elementwise = (l: LayerSpec): FastActivation | null => {
  switch (l.type) {
    case 'relu':
    case 'abs':
    case 'sigmoid':
    case 'tanh':
    case 'softmax':
      return { type: l.type }
    case 'leaky-relu':
      return { type: 'leaky-relu', alpha: l.alpha ?? 0.01 }
    default:
      return null
  }
}

const positiveInt = (n: number): boolean => Number.isInteger(n) && n > 0

/** Why a description (perhaps written by hand) is not one the trainer runs, or null when it is. */
export const descriptionProblem = (d: MlpDescription): string | null => {
  if (!positiveInt(d.inputs)) return `inputs: expected a positive integer, got ${d.inputs}`
  if (d.layers.length === 0) return 'layers: no dense layer'
  const bad = d.layers.findIndex((l) => !positiveInt(l.units) || (l.activation.type === 'leaky-relu' && !Number.isFinite(l.activation.alpha)))
  if (bad >= 0) return `layers[${bad}]: expected positive integer units and a finite leaky-relu alpha`
  const last = d.layers[d.layers.length - 1].activation.type
  if (d.layers.some((l, i) => l.activation.type === 'softmax' && (i < d.layers.length - 1 || d.loss !== 'cross-entropy'))) {
    return 'model.layers: softmax only as the last layer, before cross-entropy'
  }
  if (d.loss === 'cross-entropy' && last !== 'softmax') return `loss.type: cross-entropy needs the model to end in softmax, got ${last}`
  if (d.loss === 'binary-cross-entropy' && last !== 'sigmoid') return `loss.type: binary-cross-entropy needs the model to end in sigmoid, got ${last}`
  return null
}

/** The description of a spec's model, loss, optimizer and regularization, or why there is none. */
export const describeSpec = (spec: Pick<Spec, 'model' | 'loss' | 'optimizer' | 'regularization'>): Described => {
  const { layers: specs, inputs } = spec.model
  const layers: FastLayer[] = []
  for (let i = 0; i < specs.length; i++) {
    const l = specs[i]
    const at = `model.layers[${i}]`
    if (l.type === 'dense') {
      layers.push({ index: i, units: l.units, bias: l.bias ?? true, activation: { type: 'linear' } })
      continue
    }
    if (l.type === 'linear') continue
    const activation = elementwise(l)
    if (activation === null) return fail(`${at}: ${l.type} is not a dense layer or an elementwise activation`)
    const last = layers[layers.length - 1]
    if (last === undefined) return fail(`${at}: ${l.type} before the first dense layer`)
    if (last.activation.type !== 'linear') return fail(`${at}: a second activation (${l.type}) after ${last.activation.type}`)
    layers[layers.length - 1] = { ...last, activation }
  }
  if (layers.length === 0) return fail('model.layers: no dense layer')
  const loss = spec.loss.type
  if (loss === 'gaussian-nll' || loss === 'mdn-nll') return fail(`loss.type: ${loss} is not fused with an output unit`)
  const end = specs[specs.length - 1]?.type
  if (loss === 'binary-cross-entropy' && end !== 'sigmoid') return fail(`loss.type: binary-cross-entropy needs the model to end in sigmoid, got ${end}`)
  if (loss === 'cross-entropy' && end !== 'softmax') return fail(`loss.type: cross-entropy needs the model to end in softmax, got ${end}`)
  const softmaxAt = layers.findIndex((l) => l.activation.type === 'softmax')
  if (softmaxAt >= 0 && (softmaxAt !== layers.length - 1 || loss !== 'cross-entropy' || end !== 'softmax')) {
    return fail('model.layers: softmax only as the last layer, before cross-entropy')
  }
  return {
    ok: true,
    description: {
      inputs,
      layers,
      loss,
      optimizer: spec.optimizer,
      ...(spec.regularization === undefined ? {} : { regularization: spec.regularization }),
    },
  }
}
