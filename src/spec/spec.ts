/**
 * The whole spec file as a codec. A decoded Spec is exactly what the user wrote: defaults
 * (`seed` 0, `epochs` 1, …) are applied by the builders, and cross-field rules by `checkSpec`.
 */
import type * as t from 'io-ts'
import { closed } from './codecs.js'
import { LossSpec, ModelSpec } from './model.js'
import { OptimizerSpec } from './optimizer.js'
import { Bool, Integer, NonNegativeInt, NonNegativeNumber, PositiveInt } from './refined.js'
import { SourceSpec } from './source.js'

/** `regularization`: l2·½·Σ‖W‖² + l1·Σ|W| over dense weights; each coefficient defaults to 0. */
export const RegularizationSpec = closed('RegularizationSpec', {}, { l1: NonNegativeNumber, l2: NonNegativeNumber })
/** The regularization section as written in the spec. */
export type RegularizationSpec = t.TypeOf<typeof RegularizationSpec>

/** `data`: the training source, an optional test source, and how to batch and repeat. */
export const DataSpec = closed(
  'DataSpec',
  { train: SourceSpec, batchSize: PositiveInt },
  { test: SourceSpec, epochs: NonNegativeInt, shuffle: Bool },
)
/** The data section as written in the spec. */
export type DataSpec = t.TypeOf<typeof DataSpec>

/** A training spec file (CONTRACT.md, "Spec"). */
export const Spec = closed(
  'Spec',
  { model: ModelSpec, loss: LossSpec, optimizer: OptimizerSpec, data: DataSpec },
  { seed: Integer, regularization: RegularizationSpec },
)
/** A spec as written by the user, field for field. */
export type Spec = t.TypeOf<typeof Spec>
