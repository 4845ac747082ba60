/**
 * torch.optim.SGD (weight_decay 0, maximize off):
 *
 *   b₁ = g₁;  b_t = μ·b_{t−1} + (1 − dampening)·g_t     (only when μ > 0)
 *   d_t = g_t + μ·b_t (nesterov), b_t (μ > 0), g_t (μ = 0)
 *   p_t = p_{t−1} − η·d_t
 *
 * Follows torch where it differs from the paper and from Optax: the buffer starts as the first
 * gradient, and η multiplies the step, not the buffer. Slots: `momentum_buffer`, absent before
 * the first step and without momentum, as in torch's state_dict.
 */
import type { Params } from '../tensor/params.js'
import { type MomentumState, checkNesterov, momentum as withMomentum } from './momentum.js'
import { type Optimizer, checkOption, nameSlots, readSlots } from './optimizer.js'
import { type LearningRate, type ScheduleState, scaleByLearningRate } from './schedule.js'
import { type Transform, chain, identity } from './transform.js'

/** SGD options; defaults are torch's. */
export interface SgdOptions {
  readonly learningRate: LearningRate
  readonly momentum?: number
  readonly dampening?: number
  readonly nesterov?: boolean
}

/** SGD's state: the momentum buffer (null without momentum or before step 1) and the step count. */
export type SgdState = readonly [buffer: MomentumState, lr: ScheduleState]

/** torch.optim.SGD as chain(momentum, −η). */
export const sgd = ({
  learningRate,
  momentum = 0,
  dampening = 0,
  nesterov = false,
}: SgdOptions): Optimizer<SgdState> => {
  checkOption('sgd', 'momentum', momentum, momentum >= 0, 'non-negative')
  checkNesterov('sgd', momentum, dampening, nesterov)
  const first: Transform<MomentumState> =
    momentum > 0 ? withMomentum(momentum, { dampening, nesterov }) : identity<Params>()
  const tx = chain(first, scaleByLearningRate(learningRate))
  return {
    ...tx,
    slots: ([buffer, lr]) => ({ tensors: nameSlots({ momentum_buffer: buffer }), step: lr.step }),
    restore: (slots, params: Params) => {
      const { momentum_buffer } = readSlots('sgd', slots, params, ['momentum_buffer'])
      if (momentum === 0 && momentum_buffer !== null) {
        throw new Error('sgd: the state has momentum_buffer slots but momentum is 0; was it written with momentum?')
      }
      return [momentum_buffer, { step: slots.step }]
    },
  }
}
