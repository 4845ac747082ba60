/**
 * Widths computed from the spec alone: what each layer outputs, and the shape events must have.
 * Programs call these on a spec that `checkSpec` accepted; on one it rejects they throw.
 */
import type { LayerSpec, LossSpec, ModelSpec } from './model.js'

/** What one event must hold: `inputs` numbers in x; y as `targets` numbers, or a class index when `classes`. */
export interface EventShape {
  readonly inputs: number
  readonly targets: number
  readonly classes: boolean
}

/** Each layer's output width as far as they fit, and the first misfit as a spec error line. */
export interface WidthWalk {
  readonly widths: readonly number[]
  readonly misfit?: string
}

/** D for an mdn head of `components` K over an incoming width K(2D+1), D ≥ 1; undefined when none fits. */
export const mdnTargetWidth = (incoming: number, components: number): number | undefined => {
  const perComponent = incoming / components
  const fits = Number.isInteger(perComponent) && perComponent >= 3 && perComponent % 2 === 1
  return fits ? (perComponent - 1) / 2 : undefined
}

/** The width a layer outputs for `incoming`, or the problem, worded at `path`, when it cannot take it. */
const step = (layer: LayerSpec, incoming: number, path: string): number | string => {
  switch (layer.type) {
    case 'dense':
      return layer.units
    case 'maxout':
      return incoming % layer.k === 0
        ? incoming / layer.k
        : `${path}.k: expected a divisor of the incoming width ${incoming}, got ${layer.k}`
    case 'mdn':
      return mdnTargetWidth(incoming, layer.components) !== undefined
        ? incoming
        : `${path}.components: expected a K for which the incoming width ${incoming} is K(2D+1) ` +
            `with an integer D ≥ 1, got ${layer.components}`
    default:
      // Every other layer is elementwise (prelu learns one alpha per unit of this width).
      return incoming
  }
}

/** Walks the layers from `model.inputs`, stopping at the first layer that cannot take its incoming width. */
export const walkWidths = (model: ModelSpec): WidthWalk => {
  const widths: number[] = []
  let width = model.inputs
  for (const [i, layer] of model.layers.entries()) {
    const next = step(layer, width, `model.layers[${i}]`)
    if (typeof next === 'string') return { widths, misfit: next }
    widths.push(next)
    width = next
  }
  return { widths }
}

/** The width of the model's last layer (its inputs when it has no layers). */
export const outputWidth = (model: ModelSpec): number => {
  const { widths, misfit } = walkWidths(model)
  if (misfit !== undefined) throw new RangeError(`outputWidth: the model does not fit together: ${misfit}`)
  return widths.length > 0 ? widths[widths.length - 1] : model.inputs
}

/**
 * How many numbers an event's y holds: the classes for cross-entropy, D for mdn-nll (the mdn's
 * K(2D+1) inputs) and gaussian-nll (outputs [μ, log σ²]), otherwise the output width.
 */
export const targetWidth = (spec: { readonly model: ModelSpec; readonly loss: LossSpec }): number => {
  const { model, loss } = spec
  const out = outputWidth(model)
  const last = model.layers[model.layers.length - 1]
  switch (loss.type) {
    case 'gaussian-nll':
      return out / 2
    case 'mdn-nll': {
      const d = last?.type === 'mdn' ? mdnTargetWidth(out, last.components) : undefined
      if (d === undefined) throw new RangeError('targetWidth: mdn-nll needs a model that ends in an mdn layer')
      return d
    }
    default:
      return out
  }
}

/** The event shape a checked spec implies, for `decodeEvent`. */
export const eventShape = (spec: { readonly model: ModelSpec; readonly loss: LossSpec }): EventShape => ({
  inputs: spec.model.inputs,
  targets: targetWidth(spec),
  classes: spec.loss.type === 'cross-entropy',
})
