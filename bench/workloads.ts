/**
 * The three workloads as streamprop specs. Every contender builds its model, loss, optimizer,
 * batch size, epochs and data files from these specs, and starts from the parameters streamprop
 * draws for the spec's seed (written once to a safetensors file), so only the implementation differs.
 */
import type { Spec } from '../src/spec/spec.js'

/** A workload's name. */
export type WorkloadId = 'W1' | 'W2' | 'W3'

/** All workloads, in table order. */
export const workloadIds: readonly WorkloadId[] = ['W1', 'W2', 'W3']

/** Events in the W1/W2 stream file. */
export const regressionEvents = 200_000

/** Passes over the 8,004 training digits in W3. */
export const digitEpochs = 3

/** File names inside the bench data folder (out/bench). */
export const files = {
  regression: 'regression.jsonl',
  digitsTrain: 'digits-train.jsonl',
  digitsTest: 'digits-test.jsonl',
  tiny: 'tiny.jsonl',
} as const

/** One workload: what it is called and the spec that defines it (paths relative to the data folder). */
export interface Workload {
  readonly id: WorkloadId
  readonly title: string
  readonly spec: Spec
}

const regression = (batchSize: number, learningRate: number): Spec => ({
  seed: 11,
  model: {
    inputs: 16,
    layers: [{ type: 'dense', units: 64 }, { type: 'tanh' }, { type: 'dense', units: 64 }, { type: 'tanh' }, { type: 'dense', units: 1 }],
  },
  loss: { type: 'mse' },
  optimizer: { type: 'sgd', learningRate },
  data: { train: { type: 'jsonl', path: files.regression }, batchSize, epochs: 1 },
})

/** The workloads by name. */
export const workloads: { readonly [W in WorkloadId]: Workload } = {
  W1: { id: 'W1', title: 'W1 online: 16-64-64-1 tanh, mse, sgd lr 0.01, batch 1', spec: regression(1, 0.01) },
  W2: { id: 'W2', title: 'W2 small batches: 16-64-64-1 tanh, mse, sgd lr 0.05, batch 32', spec: regression(32, 0.05) },
  W3: {
    id: 'W3',
    title: `W3 MNIST digits: 784-256-128-10 relu, softmax cross-entropy, sgd lr 0.05 momentum 0.9, batch 128, ${digitEpochs} epoch${digitEpochs > 1 ? "s" : ""} of the 8,004 training digits`,
    spec: {
      seed: 13,
      model: {
        inputs: 784,
        layers: [
          { type: 'dense', units: 256 },
          { type: 'relu' },
          { type: 'dense', units: 128 },
          { type: 'relu' },
          { type: 'dense', units: 10 },
          { type: 'softmax' },
        ],
      },
      loss: { type: 'cross-entropy' },
      optimizer: { type: 'sgd', learningRate: 0.05, momentum: 0.9 },
      data: {
        train: { type: 'jsonl', path: files.digitsTrain },
        test: { type: 'jsonl', path: files.digitsTest },
        batchSize: 128,
        epochs: digitEpochs,
      },
    },
  },
}
