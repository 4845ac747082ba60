import { Subject, from, lastValueFrom, tap, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { compileNet } from '../../src/graph/net.js'
import { softmax } from '../../src/layers/activations.js'
import { dense } from '../../src/layers/dense.js'
import { serial } from '../../src/layers/serial.js'
import { crossEntropy } from '../../src/losses/crossEntropy.js'
import { sgd } from '../../src/optim/sgd.js'
import { minibatches, stack } from '../../src/pipeline/batching.js'
import { pageHinkley } from '../../src/pipeline/drift.js'
import { evaluateBatches } from '../../src/pipeline/evaluate.js'
import { prequential } from '../../src/pipeline/prequential.js'
import { train } from '../../src/pipeline/train.js'
import { type ValidationRecord, validate } from '../../src/pipeline/validation.js'
import { key } from '../../src/tensor/random.js'
import { samples, smallNet, xorSamples } from '../support/stream.js'

/** Two separable classes on a line: x < 0 is class 0, x > 0 class 1 (one-hot targets). */
const classes = (n: number) =>
  samples(Array.from({ length: n }, (_, i) => {
    const x = ((i * 37) % 19) / 9.5 - 1 + 0.05
    return [[x], x < 0 ? [1, 0] : [0, 1]] as const
  }))

const classifier = () => compileNet(serial(dense({ units: 2 }), softmax()), crossEntropy, { inputs: 1 })

describe('prequential evaluation', () => {
  it('scores each batch with the parameters from before it was trained on', async () => {
    const net = classifier()
    const tx = sgd({ learningRate: 0.5 })
    const params = net.init(key(1))
    const batches = await lastValueFrom(from(classes(40)).pipe(minibatches(4), toArray()))

    const steps = await lastValueFrom(from(batches).pipe(train({ step: 0, params, optState: tx.init(params) }, { net, optimizer: tx, frozen: new Set() }), toArray()))
    const records = await lastValueFrom(from(steps).pipe(prequential('softmax', { window: 8 }), toArray()))

    // The record of step n scores batch n with the parameters step n − 1 produced (window of 8 = two batches).
    const before = [params, ...steps.map((s) => s.params)]
    const accuracyOf = (i: number) => evaluateBatches(net, before[i], [batches[i]]).accuracy as number
    records.forEach((r, i) => expect(r.accuracy).toBeCloseTo(i === 0 ? accuracyOf(0) : (accuracyOf(i) + accuracyOf(i - 1)) / 2, 9))
    expect(records.map((r) => r.examples)).toEqual([4, 8, 8, 8, 8, 8, 8, 8, 8, 8])
    expect(records[records.length - 1].accuracy).toBe(1)
    expect(records[0].logLoss).toBeGreaterThan(records[records.length - 1].logLoss ?? Infinity)
  })

  it('reports mse for value outputs and no accuracy', async () => {
    const net = smallNet()
    const tx = sgd({ learningRate: 0.1 })
    const params = net.init(key(2))

    const records = await lastValueFrom(
      from(xorSamples(2)).pipe(minibatches(4), train({ step: 0, params, optState: tx.init(params) }, { net, optimizer: tx, frozen: new Set() }), prequential('values'), toArray()),
    )

    expect(records[0].accuracy).toBeNull()
    expect(records[0].mse).toBeCloseTo(records[0].loss, 6)
  })
})

describe('hold-out validation and early stopping', () => {
  it('evaluates every N steps and at each epoch end', async () => {
    const net = classifier()
    const tx = sgd({ learningRate: 0.5 })
    const params = net.init(key(1))
    const test = [stack(classes(10))]
    const epoch = (e: number) => lastValueFrom(from(classes(12)).pipe(minibatches(4, e), toArray()))
    const all = [...(await epoch(0)), ...(await epoch(1))]
    const records: ValidationRecord[] = []

    await lastValueFrom(from(all).pipe(train({ step: 0, params, optState: tx.init(params) }, { net, optimizer: tx, frozen: new Set() }), validate(net, test, { next: (r) => records.push(r) }, { every: 2 }), toArray()))

    expect(records.map((r) => [r.step, r.at])).toEqual([
      [2, 'every'],
      [3, 'epochEnd'],
      [4, 'every'],
      [6, 'every'],
      [6, 'epochEnd'],
    ])
  })

  it('stops when patience runs out and keeps the best parameters', async () => {
    const net = classifier()
    // A learning rate this large makes the validation loss rise after the first steps.
    const tx = sgd({ learningRate: 60 })
    const params = net.init(key(1))
    const test = [stack(classes(10))]
    const batches = await lastValueFrom(from(classes(200)).pipe(minibatches(2), toArray()))
    const records: ValidationRecord[] = []

    const steps = await lastValueFrom(
      from(batches).pipe(train({ step: 0, params, optState: tx.init(params) }, { net, optimizer: tx, frozen: new Set() }), validate(net, test, { next: (r) => records.push(r) }, { every: 1, patience: 3 }), toArray()),
    )

    const last = records[records.length - 1]
    expect(last.stop).toBe(true)
    expect(steps.length).toBeLessThan(batches.length)
    expect(steps[steps.length - 1].step).toBe(last.step)
    expect(records.filter((r) => r.improved).pop()?.step).toBe(last.bestStep)
    expect(evaluateBatches(net, last.bestParams, test).loss).toBe(last.bestLoss)
    expect(Math.min(...records.map((r) => r.loss))).toBe(last.bestLoss)
  })
})

describe('drift detection (Page–Hinkley)', () => {
  it('is silent on a stationary loss and fires soon after a jump', async () => {
    const losses = Array.from({ length: 400 }, (_, i) => ({ step: i + 1, loss: (i < 200 ? 0.2 : 1.2) + 0.05 * Math.sin(i) }))

    const drifts = await lastValueFrom(from(losses).pipe(pageHinkley({ threshold: 5 }), toArray()))

    expect(drifts.length).toBeGreaterThanOrEqual(1)
    expect(drifts[0].step).toBeGreaterThan(200)
    expect(drifts[0].step).toBeLessThan(215)
  })

  it('can reset the optimizer state of a running pipeline', async () => {
    const net = smallNet()
    const tx = sgd({ learningRate: 0.1, momentum: 0.9 })
    const params = net.init(key(2))
    const controls = new Subject<import('../../src/pipeline/train.js').Control>()
    const all: import('../../src/pipeline/records.js').Stepped[] = []
    const resets: number[] = []

    // Any drift (forced here by a tiny threshold) resets the momentum buffers before the next step.
    await lastValueFrom(
      from(xorSamples(50)).pipe(
        minibatches(1),
        train({ step: 0, params, optState: tx.init(params) }, { net, optimizer: tx, frozen: new Set() }, { controls }),
        tap((s) => all.push(s)),
        pageHinkley({ threshold: 0.01, minSamples: 10 }),
        tap((d) => {
          resets.push(d.step)
          controls.next({ type: 'resetOptimizer' })
        }),
        toArray(),
      ),
    )

    expect(resets.length).toBeGreaterThan(0)
    const after = all.find((s) => s.step === resets[0] + 1)
    // The reset state's step count restarts: one step after the reset it is 1, not resets[0] + 1.
    expect(tx.slots(after?.optState as never).step).toBe(1)
  })
})
