/** The parameter-norm penalties λΩ(θ) of the lecture, on dense weight matrices only. */
import type { Penalty } from '../graph/loss.js'

/** Strengths of the penalties; both default to 0. */
export interface Regularization {
  readonly l1?: number
  readonly l2?: number
}

/** Ω = l2·½·Σ‖W‖² + l1·Σ|W| over the regularized weights (|·|′(0) = 0, as torch's sign). */
export const penalty =
  ({ l1 = 0, l2 = 0 }: Regularization): Penalty =>
  (g, weights) => {
    const terms = weights.flatMap((w) => [
      ...(l2 > 0 ? [g.scale(g.sumAll(g.square(w)), l2 / 2)] : []),
      ...(l1 > 0 ? [g.scale(g.sumAll(g.abs(w)), l1)] : []),
    ])
    return terms.length === 0 ? null : terms.reduce((a, b) => g.add(a, b))
  }
