/**
 * torch.optim.RMSprop (weight_decay and maximize off):
 *
 *   s_t = α·s_{t−1} + (1 − α)·g_t²                        (square_avg)
 *   a_t = α·a_{t−1} + (1 − α)·g_t                          (grad_avg, centered only)
 *   d_t = √(s_t − a_t²) + ε  (centered)  or  √s_t + ε
 *   b_t = μ·b_{t−1} + g_t / d_t,  b₀ = 0                   (momentum_buffer, μ > 0 only)
 *   p_t = p_{t−1} − η·b_t   (μ > 0)  or  p_{t−1} − η·g_t / d_t
 *
 * Follows torch where Optax and Graves (2013) differ: ε is added outside the square root (Optax's
 * rmsprop and Graves put it inside), α defaults to 0.99 (Optax: 0.9), and η stays outside the
 * momentum buffer (Optax's rmsprop scales by η before its `trace`), so changing η does not
 * rescale past steps. Because b₀ = 0 gives b₁ = g₁/d₁, torch's zero-initialised buffer equals
 * SGD's first-step copy, so the momentum step is SGD's `momentum` transform; its buffer is absent
 * before the first step, as in torch.
 */
import type { Params } from '../tensor/params.js'
import { assertSameParams, zerosLike } from '../tensor/params.js'
import type { Tensor } from '../tensor/tensor.js'
import { type MomentumState, momentum as withMomentum } from './momentum.js'
import { type Optimizer, checkOption, nameSlots, readSlots, requireSlot } from './optimizer.js'
import { type LearningRate, type ScheduleState, scaleByLearningRate } from './schedule.js'
import { type Transform, chain, checkState, identity } from './transform.js'

/** The running averages: of g² (`square_avg`), and of g when centered (`grad_avg`, else null). */
export interface RmsState {
  readonly squareAvg: Params
  readonly gradAvg: Params | null
}

/** RMSprop's options without the learning rate and momentum; defaults are torch's. */
export interface RmsOptions {
  readonly alpha?: number
  readonly eps?: number
  readonly centered?: boolean
}

/** RMSprop options; defaults are torch's. */
export interface RmspropOptions extends RmsOptions {
  readonly learningRate: LearningRate
  readonly momentum?: number
}

/** RMSprop's state: the averages, the momentum buffer, and the learning-rate step count. */
export type RmspropState = readonly [averages: RmsState, buffer: MomentumState, lr: ScheduleState]

/** u = g / (√(s − a²) + ε) (centered) or g / (√s + ε): RMSprop's step before momentum and the learning rate. */
export const scaleByRms = ({ alpha = 0.99, eps = 1e-8, centered = false }: RmsOptions = {}): Transform<RmsState> => {
  checkOption('scaleByRms', 'alpha', alpha, alpha >= 0, 'non-negative')
  checkOption('scaleByRms', 'eps', eps, eps >= 0, 'non-negative')
  return {
    init: (params) => ({ squareAvg: zerosLike(params), gradAvg: centered ? zerosLike(params) : null }),
    update: (grads, state) => {
      checkState('scaleByRms', state, ['squareAvg', 'gradAvg'])
      assertSameParams('scaleByRms', grads, state.squareAvg)
      if (centered && state.gradAvg === null) {
        throw new Error("scaleByRms: centered, but the state's gradAvg is null; was it made by this transform's init?")
      }
      const updates: Record<string, Tensor> = {}
      const squareAvg: Record<string, Tensor> = {}
      const gradAvg: Record<string, Tensor> = {}
      for (const name of Object.keys(grads)) {
        const { shape, data: g } = grads[name]
        const s0 = state.squareAvg[name].data
        const s = new Float32Array(g.length)
        const u = new Float32Array(g.length)
        for (let i = 0; i < g.length; i++) s[i] = alpha * s0[i] + (1 - alpha) * g[i] * g[i]
        if (state.gradAvg !== null && centered) {
          const a0 = state.gradAvg[name].data
          const a = new Float32Array(g.length)
          for (let i = 0; i < g.length; i++) {
            a[i] = alpha * a0[i] + (1 - alpha) * g[i]
            // Torch takes √ of s − a² as is: never negative in exact arithmetic, NaN if rounding says otherwise.
            u[i] = g[i] / (Math.sqrt(s[i] - a[i] * a[i]) + eps)
          }
          gradAvg[name] = { shape, data: a }
        } else {
          for (let i = 0; i < g.length; i++) u[i] = g[i] / (Math.sqrt(s[i]) + eps)
        }
        updates[name] = { shape, data: u }
        squareAvg[name] = { shape, data: s }
      }
      return [updates, { squareAvg, gradAvg: centered ? gradAvg : null }]
    },
  }
}

/** torch.optim.RMSprop as chain(scaleByRms, momentum(μ) when μ > 0, −η). */
export const rmsprop = ({ learningRate, momentum = 0, ...rms }: RmspropOptions): Optimizer<RmspropState> => {
  checkOption('rmsprop', 'momentum', momentum, momentum >= 0, 'non-negative')
  const centered = rms.centered ?? false
  const tx = chain(
    scaleByRms(rms),
    momentum > 0 ? withMomentum(momentum) : identity<Params>(),
    scaleByLearningRate(learningRate),
  )
  return {
    ...tx,
    slots: ([averages, buffer, lr]) => ({
      tensors: nameSlots({ square_avg: averages.squareAvg, momentum_buffer: buffer, grad_avg: averages.gradAvg }),
      step: lr.step,
    }),
    restore: (slots, params) => {
      const read = readSlots('rmsprop', slots, params, ['square_avg', 'momentum_buffer', 'grad_avg'])
      if (!centered && read.grad_avg !== null) {
        throw new Error('rmsprop: the state has grad_avg slots but centered is off; was it written centered?')
      }
      if (momentum === 0 && read.momentum_buffer !== null) {
        throw new Error('rmsprop: the state has momentum_buffer slots but momentum is 0; was it written with momentum?')
      }
      const squareAvg = requireSlot('rmsprop', 'square_avg', read.square_avg)
      const gradAvg = centered ? requireSlot('rmsprop', 'grad_avg', read.grad_avg) : null
      return [{ squareAvg, gradAvg }, read.momentum_buffer, { step: slots.step }]
    },
  }
}
