/**
 * Concept-drift detection with the Page–Hinkley test on a stream of losses: it signals when the
 * loss has risen persistently above its running mean, so a pipeline can react (e.g. reset the
 * optimizer state).
 */
import { type OperatorFunction, defer, filter, map } from 'rxjs'

/** Page–Hinkley settings: `delta` tolerated change, `threshold` λ, `minSamples` before any alarm. */
export interface PageHinkleyOptions {
  readonly delta?: number
  readonly threshold?: number
  readonly minSamples?: number
}

/** A drift alarm. */
export interface Drift {
  readonly type: 'drift'
  readonly step: number
  /** m_T − min m_t when the alarm fired. */
  readonly statistic: number
}

/**
 * m_T = Σ_{t≤T} (x_t − x̄_T − δ), alarm when m_T − min_{t≤T} m_t > λ; the test restarts after an
 * alarm. Emits one Drift per alarm.
 */
export const pageHinkley =
  ({ delta = 0.005, threshold = 50, minSamples = 30 }: PageHinkleyOptions = {}): OperatorFunction<{ readonly step: number; readonly loss: number }, Drift> =>
  (losses) =>
    defer(() => {
      let n = 0
      let mean = 0
      let m = 0
      let min = 0
      return losses.pipe(
        map(({ step, loss }) => {
          n++
          mean += (loss - mean) / n
          m += loss - mean - delta
          min = Math.min(min, m)
          const statistic = m - min
          if (n >= minSamples && statistic > threshold) {
            n = 0
            mean = 0
            m = 0
            min = 0
            return { type: 'drift' as const, step, statistic }
          }
          return null
        }),
        filter((d): d is Drift => d !== null),
      )
    })
