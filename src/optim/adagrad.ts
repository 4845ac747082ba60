/**
 * torch.optim.Adagrad (lr_decay 0, weight_decay 0, initial_accumulator_value 0, maximize off):
 *
 *   s_t = s_{t−1} + g_t²,  s₀ = 0        (sum)
 *   p_t = p_{t−1} − η·g_t / (√s_t + ε)
 *
 * Follows torch, not Duchi et al. or Optax: ε is added outside the square root (Optax's
 * scale_by_rss puts it inside), the sum starts at 0 (Optax: 0.1), and ε defaults to 1e-10
 * (Optax: 1e-7).
 */
import type { Params } from '../tensor/params.js'
import { assertSameParams, zerosLike } from '../tensor/params.js'
import type { Tensor } from '../tensor/tensor.js'
import { type Optimizer, checkOption, nameSlots, readSlots, requireSlot } from './optimizer.js'
import { type LearningRate, type ScheduleState, scaleByLearningRate } from './schedule.js'
import { type Transform, chain, checkState } from './transform.js'

/** The running sum of squared gradients (torch's `sum`). */
export interface SumState {
  readonly sum: Params
}

/** Adagrad options; defaults are torch's. */
export interface AdagradOptions {
  readonly learningRate: LearningRate
  readonly eps?: number
}

/** Adagrad's state: the sum of squares and the learning-rate step count. */
export type AdagradState = readonly [sums: SumState, lr: ScheduleState]

/** u = g / (√s_t + ε) with s_t = s_{t−1} + g²: Adagrad's step before the learning rate. */
export const scaleByRss = ({ eps = 1e-10 }: { eps?: number } = {}): Transform<SumState> => {
  checkOption('scaleByRss', 'eps', eps, eps >= 0, 'non-negative')
  return {
    init: (params) => ({ sum: zerosLike(params) }),
    update: (grads, state) => {
      checkState('scaleByRss', state, ['sum'])
      assertSameParams('scaleByRss', grads, state.sum)
      const updates: Record<string, Tensor> = {}
      const sum: Record<string, Tensor> = {}
      for (const name of Object.keys(grads)) {
        const { shape, data: g } = grads[name]
        const s0 = state.sum[name].data
        const s = new Float32Array(g.length)
        const u = new Float32Array(g.length)
        for (let i = 0; i < g.length; i++) {
          s[i] = s0[i] + g[i] * g[i]
          u[i] = g[i] / (Math.sqrt(s[i]) + eps)
        }
        updates[name] = { shape, data: u }
        sum[name] = { shape, data: s }
      }
      return [updates, { sum }]
    },
  }
}

/** torch.optim.Adagrad as chain(scaleByRss, −η). */
export const adagrad = ({ learningRate, eps }: AdagradOptions): Optimizer<AdagradState> => {
  const tx = chain(scaleByRss(eps === undefined ? {} : { eps }), scaleByLearningRate(learningRate))
  return {
    ...tx,
    slots: ([sums, lr]) => ({ tensors: nameSlots({ sum: sums.sum }), step: lr.step }),
    restore: (slots, params) => {
      const { sum } = readSlots('adagrad', slots, params, ['sum'])
      return [{ sum: requireSlot('adagrad', 'sum', sum) }, { step: slots.step }]
    },
  }
}
