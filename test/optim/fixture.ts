/** The torch references in fixtures/optim/torch-steps.json, and our recipe for each recorded case. */
import { readFileSync } from 'node:fs'
import { adagrad } from '../../src/optim/adagrad.js'
import { adam } from '../../src/optim/adam.js'
import { adamw } from '../../src/optim/adamw.js'
import { clipByGlobalNorm } from '../../src/optim/clip.js'
import type { Optimizer } from '../../src/optim/optimizer.js'
import { rmsprop } from '../../src/optim/rmsprop.js'
import type { LearningRate, Schedule } from '../../src/optim/schedule.js'
import { cosineAnnealing, exponentialDecay, stepDecay } from '../../src/optim/schedule.js'
import { sgd } from '../../src/optim/sgd.js'
import { type Transform, chain } from '../../src/optim/transform.js'
import type { Params } from '../../src/tensor/params.js'
import { applyUpdates } from '../../src/tensor/params.js'
import { tensor } from '../../src/tensor/tensor.js'

type Values = { readonly [name: string]: number[] }
type Options = Record<string, number | boolean | string>

/** One recorded recipe: options, torch's rates and parameters after every step, and its final slots. */
export interface TorchCase {
  readonly name: string
  readonly optimizer: { readonly type: string; readonly learningRate: number } & Options
  readonly clip?: number
  readonly schedule?: { readonly type: string } & Record<string, number | string>
  readonly learningRates: number[]
  readonly steps: Values[]
  readonly slots: { readonly [name: string]: number[] }
}

interface TorchSteps {
  readonly shapes: { readonly [name: string]: number[] }
  readonly initial: Values
  readonly grads: Values[]
  readonly cases: TorchCase[]
}

/** The parsed fixture. */
export const torchSteps = JSON.parse(readFileSync('fixtures/optim/torch-steps.json', 'utf8')) as TorchSteps

/** Plain numbers as Params shaped as the fixture says. */
export const toParams = (values: Values): Params =>
  Object.fromEntries(Object.keys(values).map((n) => [n, tensor(torchSteps.shapes[n], values[n])]))

/** The schedule a case names, starting from its optimizer's learning rate. */
export const scheduleOf = (c: TorchCase): Schedule | undefined => {
  const s = c.schedule
  const learningRate = c.optimizer.learningRate
  if (s === undefined) return undefined
  if (s.type === 'step') return stepDecay({ learningRate, stepSize: s.stepSize as number, gamma: s.gamma as number })
  if (s.type === 'exponential') return exponentialDecay({ learningRate, gamma: s.gamma as number })
  if (s.type === 'cosine') {
    const etaMin = s.etaMin === undefined ? {} : { etaMin: s.etaMin as number }
    return cosineAnnealing({ learningRate, tMax: s.tMax as number, ...etaMin })
  }
  throw new Error(`no schedule ${s.type}`)
}

/** Forgets an optimizer's state type, so one table can hold every recipe. */
export const erase = <S>(o: Optimizer<S>): Optimizer<unknown> => o as unknown as Optimizer<unknown>

/** The recipe a case names, with its recorded options (the learning rate replaced by the case's schedule). */
export const recipeOf = (c: TorchCase): Optimizer<unknown> => {
  const { type, learningRate: lr, ...options } = c.optimizer
  const learningRate: LearningRate = scheduleOf(c) ?? lr
  const recipes: Record<string, () => Optimizer<unknown>> = {
    sgd: () => erase(sgd({ learningRate, ...options })),
    adam: () => erase(adam({ learningRate, ...options })),
    adamw: () => erase(adamw({ learningRate, ...options })),
    rmsprop: () => erase(rmsprop({ learningRate, ...options })),
    adagrad: () => erase(adagrad({ learningRate, ...options })),
  }
  return recipes[type]()
}

/** The case's recipe, after torch's clip_grad_norm_ when the case clips. */
export const transformOf = (c: TorchCase): Transform<unknown> =>
  c.clip === undefined ? recipeOf(c) : (chain(clipByGlobalNorm(c.clip), recipeOf(c)) as Transform<unknown>)

/**
 * max |a − b| / max(|b|, |s|) over all entries, s defaulting to b (|a − b| where both are 0).
 * Passing the parameters before a step as s measures the error against the larger operand of
 * p + u: a result that cancels to near zero can't be more precise than the float32 it came from.
 */
export const relativeError = (actual: ArrayLike<number>, expected: ArrayLike<number>, scale = expected): number => {
  let worst = 0
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / (Math.max(Math.abs(expected[i]), Math.abs(scale[i])) || 1)
    worst = Number.isNaN(err) ? Infinity : Math.max(worst, err)
  }
  return worst
}

/** One recipe per slot layout (and a scheduled one), for the property tests. */
export const everyRecipe: readonly (readonly [string, Optimizer<unknown>])[] = [
  ['sgd', erase(sgd({ learningRate: 0.1 }))],
  ['sgd momentum', erase(sgd({ learningRate: 0.1, momentum: 0.9, dampening: 0.1 }))],
  ['sgd nesterov', erase(sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true }))],
  ['adam', erase(adam({ learningRate: 0.01 }))],
  ['adamw', erase(adamw({ learningRate: 0.01, weightDecay: 0.1 }))],
  ['rmsprop', erase(rmsprop({ learningRate: 0.01 }))],
  ['rmsprop centered momentum', erase(rmsprop({ learningRate: 0.01, centered: true, momentum: 0.9 }))],
  ['adagrad', erase(adagrad({ learningRate: 0.1 }))],
  ['adam cosine', erase(adam({ learningRate: cosineAnnealing({ learningRate: 0.01, tMax: 3 }) }))],
]

/** The fixture's gradients as Params, one set per step. */
export const gradSteps = (): Params[] => torchSteps.grads.map(toParams)

/** Applies the updates for each of `grads` in turn from `params` and `state`: the parameters and state after them. */
export const run = <S>(tx: Transform<S>, params: Params, state: S, grads: readonly Params[]) =>
  grads.reduce(
    ({ params: p, state: s }, g) => {
      const [u, next] = tx.update(g, s, p)
      return { params: applyUpdates(p, u), state: next }
    },
    { params, state },
  )

/** The message `act` throws, or undefined, so error texts can be compared whole. */
export const messageOf = (act: () => unknown): string | undefined => {
  try {
    act()
  } catch (e) {
    return (e as Error).message
  }
  return undefined
}
