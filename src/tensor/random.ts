/**
 * Randomness as a value: a `Key` is split and passed down; the same key always gives the same
 * numbers. Nothing here reads a global generator or the clock.
 */
import type { Shape } from './shape.js'
import { type Tensor, tensor } from './tensor.js'

/** A seed for a reproducible stream of random words. */
export interface Key {
  readonly seed: number
}

/** The key for an integer seed (taken modulo 2³²). */
export const key = (seed: number): Key => ({ seed: seed >>> 0 })

/** An avalanching 32-bit integer hash (lowbias32). */
const mix = (x: number): number => {
  x ^= x >>> 16
  x = Math.imul(x, 0x7feb352d)
  x ^= x >>> 15
  x = Math.imul(x, 0x846ca68b)
  x ^= x >>> 16
  return x >>> 0
}

/** The i-th 32-bit word of a key's stream. */
export const word = (k: Key, i: number): number => mix((k.seed ^ mix((i + 0x9e3779b9) >>> 0)) >>> 0)

/** A float in [0, 1) with 32 random bits: the i-th of a key's stream. */
export const unit = (k: Key, i: number): number => word(k, i) / 4294967296

/** n fresh keys derived from k, one for each of n consumers (e.g. one per parameter). */
export const splitN = (k: Key, n: number): readonly Key[] =>
  Array.from({ length: n }, (_, i) => ({ seed: mix((word(k, -1 - i) ^ 0x5bd1e995) >>> 0) }))

/** Two independent keys from one. */
export const split = (k: Key): readonly [Key, Key] => {
  const [a, b] = splitN(k, 2)
  return [a, b]
}

/** The key for a named purpose (`fold(k, 3)` for epoch 3), independent of other folds. */
export const fold = (k: Key, data: number): Key => ({ seed: mix((k.seed ^ mix((data * 0x27d4eb2d + 1) >>> 0)) >>> 0) })

/** A tensor of uniform samples in [lo, hi). */
export const uniform = (k: Key, shape: Shape, lo: number, hi: number): Tensor => {
  const t = tensor(shape)
  for (let i = 0; i < t.data.length; i++) t.data[i] = lo + (hi - lo) * unit(k, i)
  return t
}

/** A tensor of standard normal samples (Box–Muller on pairs of uniforms). */
export const normal = (k: Key, shape: Shape, mean = 0, std = 1): Tensor => {
  const t = tensor(shape)
  for (let i = 0; i < t.data.length; i++) {
    const u1 = 1 - unit(k, 2 * i) // in (0, 1], so the log is finite
    const u2 = unit(k, 2 * i + 1)
    t.data[i] = mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
  }
  return t
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates driven by the key). */
export const permutation = (k: Key, n: number): Uint32Array => {
  const p = new Uint32Array(n)
  for (let i = 0; i < n; i++) p[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(unit(k, i) * (i + 1))
    const t = p[i]
    p[i] = p[j]
    p[j] = t
  }
  return p
}
