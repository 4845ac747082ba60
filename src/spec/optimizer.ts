/**
 * The `optimizer` section: torch.optim's recipes with the contract's fields. Ranges follow
 * torch's own argument checks, tightened where torch accepts a value that cannot work
 * (eps must be > 0; dampening and RMSprop's alpha are weights in [0, 1]).
 */
import type * as t from 'io-ts'
import { tagged, variant } from './codecs.js'
import { Beta, Bool, NonNegativeNumber, PositiveNumber, Probability } from './refined.js'

const learningRate = { learningRate: NonNegativeNumber }
const adamFields = { beta1: Beta, beta2: Beta, eps: PositiveNumber }

/** One optimizer; `nesterov`'s needs (momentum > 0, dampening 0) are checked by `checkSpec`. */
export const OptimizerSpec = tagged('OptimizerSpec', {
  sgd: variant('sgd', learningRate, { momentum: NonNegativeNumber, dampening: Probability, nesterov: Bool }),
  adam: variant('adam', learningRate, adamFields),
  adamw: variant('adamw', learningRate, { ...adamFields, weightDecay: NonNegativeNumber }),
  rmsprop: variant('rmsprop', learningRate, {
    alpha: Probability,
    eps: PositiveNumber,
    momentum: NonNegativeNumber,
    centered: Bool,
  }),
  adagrad: variant('adagrad', learningRate, { eps: PositiveNumber }),
})
/** The optimizer section as written in the spec. */
export type OptimizerSpec = t.TypeOf<typeof OptimizerSpec>
