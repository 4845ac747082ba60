/**
 * Rules that span fields, checked on a decoded spec: widths that fit, losses that pair with the
 * output layer, Nesterov's needs, epochs on brokers, CSV column counts. Same lines as the codec's.
 */
import type { LayerSpec, LossSpec, ModelSpec } from './model.js'
import type { OptimizerSpec } from './optimizer.js'
import { brokerTypes, type SourceSpec } from './source.js'
import type { DataSpec, Spec } from './spec.js'
import { eventShape, walkWidths, type EventShape } from './widths.js'

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

const describeEnd = (last: LayerSpec | undefined): string =>
  last === undefined ? 'a model with no layers' : `a model ending in ${last.type}`

/** Only the last layer may be an mdn: its output is a mixture's parameters, not features. */
const mdnPlacement = (layers: readonly LayerSpec[]): string[] =>
  layers.flatMap((layer, i) =>
    layer.type === 'mdn' && i < layers.length - 1
      ? [
          `model.layers[${i}].type: expected mdn only as the last layer, ` +
            `got "mdn" with ${plural(layers.length - 1 - i, 'layer', 'layers')} after it`,
        ]
      : [],
  )

/** The contract's pairings: a loss that reads an output unit needs the model to end in it. */
const lossPairing = (model: ModelSpec, loss: LossSpec, output: number | undefined): string[] => {
  const last = model.layers[model.layers.length - 1]
  const needs = (end: LayerSpec['type']): string[] =>
    last?.type === end
      ? []
      : [`loss.type: expected a model ending in ${end} for ${loss.type}, got ${describeEnd(last)}`]
  switch (loss.type) {
    case 'cross-entropy': {
      // One class makes softmax constantly 1: nothing to learn.
      const tooFew =
        output !== undefined && output < 2
          ? [`loss.type: expected at least 2 classes for cross-entropy, got an output width of ${output}`]
          : []
      return [...needs('softmax'), ...tooFew]
    }
    case 'binary-cross-entropy':
      return needs('sigmoid')
    case 'mdn-nll':
      return needs('mdn')
    case 'gaussian-nll':
      return output !== undefined && output % 2 !== 0
        ? [`loss.type: expected an even output width ([μ, log σ²]) for gaussian-nll, got ${output}`]
        : []
    default:
      return []
  }
}

/** torch.optim.SGD refuses Nesterov without momentum or with dampening. */
const nesterov = (o: OptimizerSpec): string[] => {
  if (o.type !== 'sgd' || o.nesterov !== true) return []
  const momentum = o.momentum ?? 0
  const dampening = o.dampening ?? 0
  return momentum > 0 && dampening === 0
    ? []
    : [`optimizer.nesterov: expected momentum > 0 and dampening 0, got momentum ${momentum} and dampening ${dampening}`]
}

/** A broker is read once, as it arrives; repeating it is not defined. */
const brokerEpochs = ({ train, epochs, shuffle }: DataSpec): string[] => [
  ...(brokerTypes.has(train.type) && epochs !== undefined && epochs !== 1
    ? [`data.epochs: expected 1 or absent with a ${train.type} source, got ${epochs}`]
    : []),
  // A full shuffle would wait for the end of an unbounded stream; brokers are trained in arrival order.
  ...((brokerTypes.has(train.type) || train.type === 'stdin') && shuffle === true
    ? [`data.shuffle: expected false or absent with a ${train.type} source (it is trained in arrival order), got true`]
    : []),
]

/** A CSV source names one column per input and per target (or one class-index column). */
const csvColumns = (
  source: SourceSpec | undefined,
  at: string,
  shape: EventShape | undefined,
  inputs: number,
): string[] => {
  if (source?.type !== 'csv') return []
  const x =
    source.x.length === inputs
      ? []
      : [`${at}.x: expected ${plural(inputs, 'column', 'columns')} (model.inputs), got ${source.x.length}`]
  if (shape === undefined) return x
  const n = source.y.length
  const y = shape.classes
    ? n === 1 || n === shape.targets
      ? []
      : [`${at}.y: expected 1 column (a class index) or ${shape.targets} (one per class), got ${n}`]
    : n === shape.targets
      ? []
      : [`${at}.y: expected ${plural(shape.targets, 'column', 'columns')} (the target width), got ${n}`]
  return [...x, ...y]
}

/** The sections the cross-field rules read, each undefined when it did not decode. */
export interface Sections {
  readonly model: ModelSpec | undefined
  readonly loss: LossSpec | undefined
  readonly optimizer: OptimizerSpec | undefined
  readonly data: DataSpec | undefined
}

/** The cross-field problems among the sections given: each rule runs when the sections it reads are there. */
export const checkSections = ({ model, loss, optimizer, data }: Sections): string[] => {
  const { widths, misfit } = model !== undefined ? walkWidths(model) : { widths: [], misfit: undefined }
  const output = model === undefined || misfit !== undefined ? undefined : (widths[widths.length - 1] ?? model.inputs)
  const structure = [
    ...(misfit !== undefined ? [misfit] : []),
    ...(model !== undefined ? mdnPlacement(model.layers) : []),
  ]
  const pairing = model !== undefined && loss !== undefined ? lossPairing(model, loss, output) : []
  // The target width means something only once the model and its loss fit together.
  const shape =
    model !== undefined && loss !== undefined && structure.length === 0 && pairing.length === 0
      ? eventShape({ model, loss })
      : undefined
  const columns = (source: SourceSpec | undefined, at: string): string[] =>
    model !== undefined ? csvColumns(source, at, shape, model.inputs) : []
  return [
    ...structure,
    ...pairing,
    ...(optimizer !== undefined ? nesterov(optimizer) : []),
    ...(data !== undefined ? brokerEpochs(data) : []),
    ...columns(data?.train, 'data.train'),
    ...columns(data?.test, 'data.test'),
  ]
}

/** Every cross-field problem of a decoded spec, one line each, as `path: expected …, got …`; [] when it is sound. */
export const checkSpec = (spec: Spec): string[] => checkSections(spec)
