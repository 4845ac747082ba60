/**
 * torch.optim.Adam (amsgrad, weight_decay and maximize off):
 *
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g_t          (exp_avg)
 *   v_t = β₂·v_{t−1} + (1 − β₂)·g_t²         (exp_avg_sq)
 *   p_t = p_{t−1} − η / (1 − β₁ᵗ) · m_t / (√v_t / √(1 − β₂ᵗ) + ε)
 *
 * ε sits where torch puts it: added after dividing √v by √(1 − β₂ᵗ). That is the paper's
 * Algorithm 1 and Optax's `scale_by_adam` (eps_root 0), but not the paper's "efficient version"
 * nor Keras, which fold √(1 − β₂ᵗ) into the step size and so add ε to the uncorrected √v; the
 * two differ when v is small. The moments start at zero and t counts from 1.
 */
import type { Params } from '../tensor/params.js'
import { assertSameParams, zerosLike } from '../tensor/params.js'
import type { Tensor } from '../tensor/tensor.js'
import { type Optimizer, type Slots, checkOption, nameSlots, readSlots, requireSlot } from './optimizer.js'
import { type LearningRate, type ScheduleState, scaleByLearningRate } from './schedule.js'
import { type Transform, chain, checkState } from './transform.js'

/** Adam's moments (torch's `exp_avg`, `exp_avg_sq`) and the number of steps they have seen. */
export interface AdamState {
  readonly step: number
  readonly expAvg: Params
  readonly expAvgSq: Params
}

/** Adam's options without the learning rate; defaults are torch's. */
export interface AdamMoments {
  readonly beta1?: number
  readonly beta2?: number
  readonly eps?: number
}

/** Adam options; defaults are torch's. */
export interface AdamOptions extends AdamMoments {
  readonly learningRate: LearningRate
}

/** Adam's state in a recipe: the moments and the learning-rate step count. */
export type AdamRecipeState = readonly [moments: AdamState, lr: ScheduleState]

/** Throws, as torch's constructor does, for betas outside [0, 1) or a negative eps. */
export const checkAdamMoments = (op: string, beta1: number, beta2: number, eps: number): void => {
  checkOption(op, 'beta1', beta1, beta1 >= 0 && beta1 < 1, 'in [0, 1)')
  checkOption(op, 'beta2', beta2, beta2 >= 0 && beta2 < 1, 'in [0, 1)')
  checkOption(op, 'eps', eps, eps >= 0, 'non-negative')
}

/** u = m̂ / (√v_t / √(1 − β₂ᵗ) + ε) with m̂ = m_t / (1 − β₁ᵗ): Adam's step before the learning rate. */
export const scaleByAdam = ({ beta1 = 0.9, beta2 = 0.999, eps = 1e-8 }: AdamMoments = {}): Transform<AdamState> => {
  checkAdamMoments('scaleByAdam', beta1, beta2, eps)
  const keep1 = 1 - beta1
  const keep2 = 1 - beta2
  return {
    init: (params) => ({ step: 0, expAvg: zerosLike(params), expAvgSq: zerosLike(params) }),
    update: (grads, state) => {
      checkState('scaleByAdam', state, ['step', 'expAvg', 'expAvgSq'])
      assertSameParams('scaleByAdam', grads, state.expAvg)
      const step = state.step + 1
      const correction1 = 1 - beta1 ** step
      const correction2 = Math.sqrt(1 - beta2 ** step)
      const updates: Record<string, Tensor> = {}
      const expAvg: Record<string, Tensor> = {}
      const expAvgSq: Record<string, Tensor> = {}
      for (const name of Object.keys(grads)) {
        const { shape, data: g } = grads[name]
        const m0 = state.expAvg[name].data
        const v0 = state.expAvgSq[name].data
        const m = new Float32Array(g.length)
        const v = new Float32Array(g.length)
        const u = new Float32Array(g.length)
        for (let i = 0; i < g.length; i++) {
          m[i] = beta1 * m0[i] + keep1 * g[i]
          v[i] = beta2 * v0[i] + keep2 * g[i] * g[i]
          // Read back the float32 moments, as torch computes the step from its stored state.
          u[i] = m[i] / (Math.sqrt(v[i]) / correction2 + eps) / correction1
        }
        updates[name] = { shape, data: u }
        expAvg[name] = { shape, data: m }
        expAvgSq[name] = { shape, data: v }
      }
      return [updates, { step, expAvg, expAvgSq }]
    },
  }
}

/** The slots of Adam's moments (`exp_avg`, `exp_avg_sq`) and its step. */
export const adamSlots = (moments: AdamState): Slots => ({
  tensors: nameSlots({ exp_avg: moments.expAvg, exp_avg_sq: moments.expAvgSq }),
  step: moments.step,
})

/** Adam's moments read back from slots `exp_avg` and `exp_avg_sq`. */
export const readAdamSlots = (op: string, slots: Slots, params: Params): AdamState => {
  const read = readSlots(op, slots, params, ['exp_avg', 'exp_avg_sq'])
  return {
    step: slots.step,
    expAvg: requireSlot(op, 'exp_avg', read.exp_avg),
    expAvgSq: requireSlot(op, 'exp_avg_sq', read.exp_avg_sq),
  }
}

/** torch.optim.Adam as chain(scaleByAdam, −η). */
export const adam = ({ learningRate, ...moments }: AdamOptions): Optimizer<AdamRecipeState> => {
  const tx = chain(scaleByAdam(moments), scaleByLearningRate(learningRate))
  return {
    ...tx,
    slots: ([m]) => adamSlots(m),
    restore: (slots, params) => [readAdamSlots('adam', slots, params), { step: slots.step }],
  }
}
