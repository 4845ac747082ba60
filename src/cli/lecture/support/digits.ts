/**
 * The digits for the architecture examples: the mnist package's images, average-pooled 4×4 to
 * 7×7 = 49 inputs so that whole trainings fit in seconds, and labels one-hot. The images load
 * once per process (about a second) and are shared by the examples that use them.
 */
import { type Digit, digits } from '../../../sources/datasets/digits.js'
import type { Numbered, Sample } from '../../../spec/records.js'

/** How much of the data to use; the defaults are the whole split. */
export interface DigitsSize {
  readonly train?: number
  readonly test?: number
}

/** Pixels per side after pooling. */
export const side = 7
const pool = 28 / side

let loaded: ReturnType<typeof digits> | undefined

const sample = (d: Digit, i: number): Numbered<Sample> => {
  const x = new Float32Array(side * side)
  for (let r = 0; r < 28; r++) {
    for (let c = 0; c < 28; c++) x[Math.floor(r / pool) * side + Math.floor(c / pool)] += d.pixels[r * 28 + c] / (pool * pool)
  }
  const y = new Float32Array(10)
  y[d.label] = 1
  return { line: i + 1, value: { x, y } }
}

/** The first `train` and `test` digits of each split (in the split's fixed stream order), pooled. */
export const pooledDigits = ({ train, test }: DigitsSize = {}): { train: Numbered<Sample>[]; test: Numbered<Sample>[] } => {
  loaded ??= digits()
  return { train: loaded.train.slice(0, train).map(sample), test: loaded.test.slice(0, test).map(sample) }
}

/** What `pooledDigits` gave, in words, for the JSON beside a figure. */
export const pooledDigitsData = (data: { readonly train: readonly unknown[]; readonly test: readonly unknown[] }) => ({
  train: data.train.length,
  test: data.test.length,
  inputs: `${side}×${side} (28×28 average-pooled ${pool}×${pool})`,
})
