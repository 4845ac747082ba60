/** Training ReLU MLPs of a given depth and width on the pooled digits, and sizing them to a parameter budget. */
import { compileNet } from '../../../graph/net.js'
import { relu, softmax } from '../../../layers/activations.js'
import { dense } from '../../../layers/dense.js'
import { serial } from '../../../layers/serial.js'
import { crossEntropy } from '../../../losses/crossEntropy.js'
import { adam } from '../../../optim/adam.js'
import { evaluateBatches } from '../../../pipeline/evaluate.js'
import type { Numbered, Sample } from '../../../spec/records.js'
import { countParams } from '../../../tensor/params.js'
import { fold, key } from '../../../tensor/random.js'
import { fit, shuffledBatches, wholeSet } from './fit.js'

const classes = 10

/** Parameters of an MLP with `depth` hidden layers of `width` units on `inputs` inputs and ten outputs. */
export const mlpParameters = (inputs: number, width: number, depth: number): number =>
  inputs * width + width + (depth - 1) * (width * width + width) + width * classes + classes

/** The widest such MLP within `budget` parameters. */
export const widestWithin = (budget: number, inputs: number, depth: number): number => {
  let w = 1
  while (mlpParameters(inputs, w + 1, depth) <= budget) w++
  return w
}

/** One trained MLP: its shape, test scores and the loss of every step. */
export interface DigitsRun {
  readonly depth: number
  readonly width: number
  readonly parameters: number
  readonly testAccuracy: number
  readonly testLoss: number
  readonly losses: readonly number[]
}

/** Trains a depth × width ReLU MLP with softmax and cross-entropy (Adam, η = 0.003, batches of 32) and tests it. */
export const trainDigits = async (
  data: { readonly train: readonly Numbered<Sample>[]; readonly test: readonly Numbered<Sample>[] },
  depth: number,
  width: number,
  epochs: number,
  seed: number,
): Promise<DigitsRun> => {
  const inputs = data.train[0].value.x.length
  const hidden = Array.from({ length: depth }, () => [dense({ units: width }), relu()]).flat()
  const net = compileNet(serial(...hidden, dense({ units: classes }), softmax()), crossEntropy, { inputs })
  const k = fold(key(seed), depth * 1000 + width)
  const init = net.init(fold(k, 0))
  const { params, losses } = await fit(net, adam({ learningRate: 0.003 }), init, shuffledBatches(data.train, 32, epochs, fold(k, 1)))
  const scored = evaluateBatches(net, params, [wholeSet(data.test)])
  return { depth, width, parameters: countParams(init), testAccuracy: scored.accuracy ?? Number.NaN, testLoss: scored.loss, losses }
}

/** How `trainDigits` trains, in words, for the JSON beside a figure. */
export const digitsTraining = (epochs: number): string =>
  `Adam (η = 0.003), batches of 32, ${epochs} epoch${epochs > 1 ? 's' : ''}, seeded init and shuffles; ` +
  'ReLU hidden layers, softmax + cross-entropy'

/** Means of consecutive windows of `n` losses (one point per window), for readable training curves. */
export const smoothed = (losses: readonly number[], n: number): { x: number[]; y: number[] } => {
  const x: number[] = []
  const y: number[] = []
  for (let i = 0; i + n <= losses.length; i += n) {
    x.push(i + n / 2)
    y.push(losses.slice(i, i + n).reduce((s, v) => s + v, 0) / n)
  }
  return { x, y }
}
