/**
 * The W1/W2 event stream: 16 inputs uniform in [−1, 1) and one smooth target in (−0.9, 0.9),
 * y = 0.6·sin(2·a·x) + 0.3·x₀·x₁ with a = (±¼, …). The target stays inside tanh's range so that
 * brain.js, whose output unit is always tanh, can fit the same data. Values are written with four
 * decimals, as a sensor would send them. Deterministic: event i depends only on the key and i.
 */
import { type Key, fold, key, unit } from '../../src/tensor/random.js'

/** Inputs per event. */
export const regressionInputs = 16

const round = (v: number): number => Math.round(v * 1e4) / 1e4

/** The target for inputs x. */
export const regressionTarget = (x: readonly number[]): number => {
  let ax = 0
  for (let j = 0; j < x.length; j++) ax += (j % 2 === 0 ? 0.25 : -0.25) * x[j]
  return 0.6 * Math.sin(2 * ax) + 0.3 * x[0] * x[1]
}

/** Event i of the stream drawn from `k`, as one JSONL line. */
export const regressionLine = (k: Key, i: number): string => {
  const x = Array.from({ length: regressionInputs }, (_, j) => round(2 * unit(k, i * regressionInputs + j) - 1))
  return `{"x":[${x.join(',')}],"y":${round(regressionTarget(x))}}`
}

/** The first n events of the stream for `seed`. */
export const regressionLines = (n: number, seed = 2026): string[] => {
  const k = fold(key(seed), 1)
  return Array.from({ length: n }, (_, i) => regressionLine(k, i))
}
