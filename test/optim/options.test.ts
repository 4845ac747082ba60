import { describe, expect, it } from 'vitest'
import { adagrad } from '../../src/optim/adagrad.js'
import { adam } from '../../src/optim/adam.js'
import { adamw } from '../../src/optim/adamw.js'
import { clipByGlobalNorm } from '../../src/optim/clip.js'
import { momentum } from '../../src/optim/momentum.js'
import { rmsprop } from '../../src/optim/rmsprop.js'
import { constant, cosineAnnealing, scaleByLearningRate, stepDecay } from '../../src/optim/schedule.js'
import { sgd } from '../../src/optim/sgd.js'
import { gradSteps, messageOf, toParams, torchSteps } from './fixture.js'

describe('options out of range throw as torch constructors do', () => {
  it.each([
    [
      'nesterov without momentum',
      () => sgd({ learningRate: 0.1, nesterov: true }),
      'sgd: nesterov needs momentum > 0 and dampening 0, got momentum 0 and dampening 0',
    ],
    [
      'nesterov with dampening',
      () => sgd({ learningRate: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }),
      'sgd: nesterov needs momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.1',
    ],
    [
      'the momentum transform with nesterov and dampening',
      () => momentum(0.9, { dampening: 0.5, nesterov: true }),
      'momentum: nesterov needs momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.5',
    ],
    [
      'the momentum transform without momentum',
      () => momentum(0),
      'momentum: momentum must be positive (use identity() for none), got 0',
    ],
    [
      'negative momentum',
      () => sgd({ learningRate: 0.1, momentum: -0.1 }),
      'sgd: momentum must be non-negative, got -0.1',
    ],
    [
      'a negative learning rate',
      () => sgd({ learningRate: -1 }),
      'learning rate: learningRate must be non-negative, got -1',
    ],
    ['beta1 of 1', () => adam({ learningRate: 0.1, beta1: 1 }), 'scaleByAdam: beta1 must be in [0, 1), got 1'],
    [
      'a negative beta2',
      () => adamw({ learningRate: 0.1, beta2: -0.5 }),
      'scaleByAdam: beta2 must be in [0, 1), got -0.5',
    ],
    [
      'a negative weight decay',
      () => adamw({ learningRate: 0.1, weightDecay: -1 }),
      'adamw: weightDecay must be non-negative, got -1',
    ],
    [
      'a negative alpha',
      () => rmsprop({ learningRate: 0.1, alpha: -0.1 }),
      'scaleByRms: alpha must be non-negative, got -0.1',
    ],
    ['a negative eps', () => adagrad({ learningRate: 0.1, eps: -1 }), 'scaleByRss: eps must be non-negative, got -1'],
    ['a negative max norm', () => clipByGlobalNorm(-1), 'clipByGlobalNorm: maxNorm must be non-negative, got -1'],
    [
      'a step size of 0',
      () => stepDecay({ learningRate: 0.1, stepSize: 0 }),
      'stepDecay: stepSize must be a positive integer, got 0',
    ],
    [
      'a tMax of 0',
      () => cosineAnnealing({ learningRate: 0.1, tMax: 0 }),
      'cosineAnnealing: tMax must be positive, got 0',
    ],
  ])('%s', (_, act, message) => {
    expect(messageOf(act)).toBe(message)
  })

  it('allows nesterov with momentum and no dampening', () => {
    expect(messageOf(() => sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true }))).toBeUndefined()
  })
})

describe('learning-rate steps', () => {
  const params = toParams(torchSteps.initial)
  const [g] = gradSteps()

  it('multiplies by −η(t) and counts its steps', () => {
    const tx = scaleByLearningRate(stepDecay({ learningRate: 1, stepSize: 1, gamma: 0.5 }))

    const [first, s1] = tx.update(g, tx.init(params), params)
    const [second, s2] = tx.update(g, s1, params)

    expect(first['0.bias'].data).toBeCloseToArray(g['0.bias'].data.map((v) => -v), 0)
    expect(second['0.bias'].data).toBeCloseToArray(g['0.bias'].data.map((v) => -0.5 * v), 0)
    expect([s1, s2]).toEqual([{ step: 1 }, { step: 2 }])
  })

  it('a number and constant(number) are the same rate', () => {
    const [a] = scaleByLearningRate(0.3).update(g, { step: 5 }, params)
    const [b] = scaleByLearningRate(constant(0.3)).update(g, { step: 5 }, params)

    expect(a).toEqual(b)
  })

  it('cosine annealing reaches etaMin at tMax and rises again after it, as torch', () => {
    const eta = cosineAnnealing({ learningRate: 1, tMax: 4, etaMin: 0.2 })

    expect([0, 2, 4, 6, 8].map(eta)).toEqual([1, expect.closeTo(0.6, 12), 0.2, expect.closeTo(0.6, 12), 1])
  })
})
