/**
 * The points `train --plot` draws, recorded as the run goes: every applied step's loss, its
 * exponential smoothing (the progress line shows it too), the prequential training accuracy over
 * the last 500 examples, and the hold-out evaluations.
 */
import type { Evaluation } from '../../pipeline/evaluate.js'
import { type OutputKind, scoreRows } from '../../pipeline/scoring.js'
import type { StepReport } from './engine.js'

/** One hold-out evaluation during the run. */
export interface EvaluationPoint extends Evaluation {
  readonly step: number
  readonly epoch: number
  readonly at: 'every' | 'epochEnd'
}

/** Points for the curves: training loss per step (and smoothed), prequential training accuracy, and evaluations. */
export interface Curves {
  readonly steps: number[]
  readonly losses: number[]
  readonly smoothed: number[]
  /** Accuracy of the predictions each batch got before it was trained on, over the last examples; empty for value outputs. */
  readonly accuracy: number[]
  readonly evaluations: EvaluationPoint[]
}

/** Curves being recorded, and the latest smoothed loss. */
export interface CurveRecorder {
  readonly curves: Curves
  /** Adds an applied step. */
  readonly step: (s: StepReport) => void
  /** The smoothed training loss so far (NaN before the first step). */
  readonly smoothed: () => number
}

/** Examples the prequential accuracy looks back over. */
const WINDOW = 500

/** A recorder for a model whose output is of `kind` (accuracy only for classes). */
export const curveRecorder = (kind: OutputKind): CurveRecorder => {
  const curves: Curves = { steps: [], losses: [], smoothed: [], accuracy: [], evaluations: [] }
  let smoothed = Number.NaN
  const recent = new Uint8Array(WINDOW)
  let judged = 0
  let right = 0
  return {
    curves,
    step: (s) => {
      curves.steps.push(s.step)
      curves.losses.push(s.loss)
      smoothed = Number.isNaN(smoothed) ? s.loss : 0.98 * smoothed + 0.02 * s.loss
      curves.smoothed.push(smoothed)
      if (kind === 'values') return
      // Each example was predicted before it was trained on.
      for (const e of scoreRows(kind, s.yhat, s.y)) {
        const slot = judged++ % WINDOW
        right += (e.correct ? 1 : 0) - (judged > WINDOW ? recent[slot] : 0)
        recent[slot] = e.correct ? 1 : 0
      }
      curves.accuracy.push(right / Math.min(judged, WINDOW))
    },
    smoothed: () => smoothed,
  }
}
