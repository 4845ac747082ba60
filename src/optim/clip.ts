/**
 * torch.nn.utils.clip_grad_norm_(parameters, maxNorm) (norm_type 2, error_if_nonfinite off):
 *
 *   n = ‖(g₁, …, g_k)‖₂ over all tensors together
 *   g ← g · min(1, maxNorm / (n + 1e-6))
 *
 * Follows torch, not Optax's clip_by_global_norm: the 1e-6 in the denominator means a norm just
 * above maxNorm is scaled slightly below it, and a non-finite norm is not an error but turns the
 * gradients into NaN (min(1, NaN) is NaN), as torch's clamp does.
 */
import { globalNorm } from '../tensor/params.js'
import { checkOption } from './optimizer.js'
import { type Transform, scaled } from './transform.js'

/** u ← u · min(1, maxNorm / (‖u‖ + 1e-6)), ‖u‖ the norm of all tensors together. */
export const clipByGlobalNorm = (maxNorm: number): Transform<null> => {
  checkOption('clipByGlobalNorm', 'maxNorm', maxNorm, maxNorm >= 0, 'non-negative')
  return {
    init: () => null,
    update: (updates, state) => {
      // torch computes the coefficient as a float32 tensor and multiplies by it.
      const coef = Math.fround(Math.min(1, maxNorm / (globalNorm(updates) + 1e-6)))
      return [coef === 1 ? updates : scaled(updates, coef), state]
    },
  }
}
