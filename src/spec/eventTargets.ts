/**
 * What the two event decoders share, so they agree to the bit: class indices to one-hot rows, and
 * the rule for a class vector, applied to the float32 values the sample will hold.
 */

/** Sums of a probability vector may miss 1 by rounding in the text that wrote them. */
const sumTolerance = 1e-3

/** A fresh one-hot row of length `n` with a 1 at `index`. */
export const oneHot = (index: number, n: number): Float32Array => {
  const y = new Float32Array(n)
  y[index] = 1
  return y
}

/** Whether `v` is a class index for `n` classes: an integer in 0..n-1 (-0 counts as 0). */
export const isClassIndex = (v: number, n: number): boolean => Number.isInteger(v) && v >= 0 && v < n

/** The first entry outside [0, 1], or -1. */
export const firstNonProbability = (y: Float32Array): number => {
  for (let i = 0; i < y.length; i++) if (!(y[i] >= 0 && y[i] <= 1)) return i
  return -1
}

/** Σ y, in double precision over the float32 entries. */
export const total = (y: Float32Array): number => {
  let s = 0
  for (let i = 0; i < y.length; i++) s += y[i]
  return s
}

/** Whether `y` is a one-hot or probability vector: entries in [0, 1] summing to 1. */
export const isClassVector = (y: Float32Array): boolean =>
  firstNonProbability(y) < 0 && Math.abs(total(y) - 1) <= sumTolerance
