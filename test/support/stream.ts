/** Shared wiring for pipeline tests: samples, nets and a collector. */
import { compileNet } from '../../src/graph/net.js'
import { relu } from '../../src/layers/activations.js'
import { dense } from '../../src/layers/dense.js'
import { serial } from '../../src/layers/serial.js'
import { mse } from '../../src/losses/mse.js'
import type { Numbered, Sample } from '../../src/spec/records.js'

/** Numbered samples from plain rows, lines counted from 1. */
export const samples = (rows: readonly (readonly [readonly number[], readonly number[]])[]): Numbered<Sample>[] =>
  rows.map(([x, y], i) => ({ line: i + 1, value: { x: Float32Array.from(x), y: Float32Array.from(y) } }))

/** The four XOR points, repeated `times`. */
export const xorSamples = (times = 1): Numbered<Sample>[] =>
  samples(
    Array.from({ length: times }, () => [
      [[0, 0], [0]],
      [[0, 1], [1]],
      [[1, 0], [1]],
      [[1, 1], [0]],
    ] as const).flat(),
  )

/** A 2-4-1 ReLU net with mse. */
export const smallNet = () => compileNet(serial(dense({ units: 4, biasInit: 0.1 }), relu(), dense({ units: 1 })), mse, { inputs: 2 })
