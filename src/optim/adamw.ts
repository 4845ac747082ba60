/**
 * torch.optim.AdamW (amsgrad and maximize off):
 *
 *   p' = p_{t−1}·(1 − η·λ)
 *   p_t = p' − η / (1 − β₁ᵗ) · m_t / (√v_t / √(1 − β₂ᵗ) + ε)     (m, v as in Adam)
 *
 * As one update that is −η·(adam_t + λ·p_{t−1}), hence chain(scaleByAdam, addDecayedWeights(λ), −η):
 * the Adam step does not depend on p, so decaying first (torch) or adding λ·p to the step gives
 * the same parameters up to float32 rounding. Follows torch where others differ: λ is multiplied
 * by the learning rate η (as in Optax; the paper, Loshchilov & Hutter, multiplies it by the
 * schedule factor only), and λ defaults to 0.01 (Optax: 1e-4). Slots are Adam's.
 */
import type { Params } from '../tensor/params.js'
import { assertSameParams } from '../tensor/params.js'
import type { Tensor } from '../tensor/tensor.js'
import { type AdamOptions, type AdamState, adamSlots, readAdamSlots, scaleByAdam } from './adam.js'
import { type Optimizer, checkOption } from './optimizer.js'
import { type ScheduleState, scaleByLearningRate } from './schedule.js'
import { type Transform, chain } from './transform.js'

/** AdamW options; defaults are torch's. */
export interface AdamwOptions extends AdamOptions {
  readonly weightDecay?: number
}

/** AdamW's state: Adam's moments, the (stateless) decay, and the learning-rate step count. */
export type AdamwState = readonly [moments: AdamState, decay: null, lr: ScheduleState]

/** u ← u + λ·p: decoupled weight decay, to be scaled by the learning rate after it. */
export const addDecayedWeights = (weightDecay: number): Transform<null> => ({
  init: () => null,
  update: (updates, state, params) => {
    assertSameParams('addDecayedWeights', updates, params)
    const out: Record<string, Tensor> = {}
    for (const name of Object.keys(updates)) {
      const u = updates[name].data
      const p = params[name].data
      const data = new Float32Array(u.length)
      for (let i = 0; i < u.length; i++) data[i] = u[i] + weightDecay * p[i]
      out[name] = { shape: updates[name].shape, data }
    }
    return [out, state]
  },
})

/** torch.optim.AdamW as chain(scaleByAdam, addDecayedWeights(λ), −η). */
export const adamw = ({ learningRate, weightDecay = 0.01, ...moments }: AdamwOptions): Optimizer<AdamwState> => {
  checkOption('adamw', 'weightDecay', weightDecay, weightDecay >= 0, 'non-negative')
  const tx = chain(scaleByAdam(moments), addDecayedWeights(weightDecay), scaleByLearningRate(learningRate))
  return {
    ...tx,
    slots: ([m]) => adamSlots(m),
    restore: (slots, params: Params) => [readAdamSlots('adamw', slots, params), null, { step: slots.step }],
  }
}
