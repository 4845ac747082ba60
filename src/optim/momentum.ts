/**
 * Momentum as torch.optim.SGD defines it, for μ > 0:
 *
 *   b₁ = g₁;  b_t = μ·b_{t−1} + (1 − dampening)·g_t
 *   step = g_t + μ·b_t (Nesterov) or b_t
 *
 * Follows torch where others differ: the buffer starts as the first gradient, so dampening
 * skips step 1 (Optax's `trace` has no dampening and starts from zero, which is the same only
 * without dampening); and the learning rate stays outside the buffer (as in Optax's sgd, unlike
 * Sutskever et al.'s velocity), so changing it does not rescale past steps. The buffer is null
 * until the first step, as torch's `momentum_buffer` does not exist until then.
 */
import type { Params } from '../tensor/params.js'
import { assertSameParams } from '../tensor/params.js'
import type { Tensor } from '../tensor/tensor.js'
import { checkOption } from './optimizer.js'
import type { Transform } from './transform.js'

/** The momentum buffer per parameter (torch's `momentum_buffer`), null before the first step. */
export type MomentumState = Params | null

/** Momentum options; torch's defaults. */
export interface MomentumOptions {
  readonly dampening?: number
  readonly nesterov?: boolean
}

/** Throws, as torch.optim.SGD does, unless Nesterov comes with momentum > 0 and no dampening. */
export const checkNesterov = (op: string, mu: number, dampening: number, nesterov: boolean): void => {
  if (nesterov && (mu <= 0 || dampening !== 0)) {
    throw new RangeError(
      `${op}: nesterov needs momentum > 0 and dampening 0, got momentum ${mu} and dampening ${dampening}`,
    )
  }
}

/** b ← μ·b + (1 − dampening)·g (b₁ = g); the update is b, or g + μ·b with Nesterov. */
export const momentum = (
  mu: number,
  { dampening = 0, nesterov = false }: MomentumOptions = {},
): Transform<MomentumState> => {
  checkOption('momentum', 'momentum', mu, mu > 0, 'positive (use identity() for none)')
  checkNesterov('momentum', mu, dampening, nesterov)
  const keep = 1 - dampening
  return {
    init: () => null,
    update: (grads, buffer) => {
      if (buffer !== null) assertSameParams('momentum', grads, buffer)
      const steps: Record<string, Tensor> = {}
      const buffers: Record<string, Tensor> = {}
      for (const name of Object.keys(grads)) {
        const g = grads[name].data
        const b = new Float32Array(g.length)
        if (buffer === null) b.set(g)
        else {
          const b0 = buffer[name].data
          for (let i = 0; i < g.length; i++) b[i] = mu * b0[i] + keep * g[i]
        }
        buffers[name] = { shape: grads[name].shape, data: b }
        if (nesterov) {
          const s = new Float32Array(g.length)
          for (let i = 0; i < g.length; i++) s[i] = g[i] + mu * b[i]
          steps[name] = { shape: grads[name].shape, data: s }
        } else {
          // The step and the buffer may share one array: neither is ever written again.
          steps[name] = buffers[name]
        }
      }
      return [steps, buffers]
    },
  }
}
