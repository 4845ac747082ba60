/** Specs the spec tests start from: the contract's example, and a way to change one section of it. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as t from 'io-ts'
import { formatErrors } from '../../src/spec/format.js'

/** CONTRACT.md's example spec, as plain JSON data. */
export const example = {
  seed: 1,
  model: {
    inputs: 2,
    layers: [{ type: 'dense', units: 2 }, { type: 'relu' }, { type: 'dense', units: 1 }],
  },
  loss: { type: 'mse' },
  regularization: { l2: 0.0, l1: 0.0 },
  optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0, nesterov: false },
  data: {
    train: { type: 'jsonl', path: 'train.jsonl' },
    test: { type: 'jsonl', path: 'test.jsonl' },
    batchSize: 4,
    epochs: 1,
    shuffle: false,
  },
} as const

/** The example with its layers replaced. */
export const withLayers = (layers: readonly unknown[], inputs: unknown = 2) => ({ ...example, model: { inputs, layers } })

/** The example with its training source replaced. */
export const withTrain = (train: unknown) => ({ ...example, data: { ...example.data, train } })

/** The error lines of decoding `value`, or [] when it decodes. */
export const errorsOf = (codec: t.Decoder<unknown, unknown>, value: unknown): readonly string[] =>
  pipe(
    codec.decode(value),
    E.match(formatErrors, () => []),
  )
