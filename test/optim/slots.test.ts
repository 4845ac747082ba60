import { describe, expect, it } from 'vitest'
import { adagrad } from '../../src/optim/adagrad.js'
import { adam } from '../../src/optim/adam.js'
import { adamw } from '../../src/optim/adamw.js'
import type { Optimizer, Slots } from '../../src/optim/optimizer.js'
import { rmsprop } from '../../src/optim/rmsprop.js'
import { cosineAnnealing } from '../../src/optim/schedule.js'
import { sgd } from '../../src/optim/sgd.js'
import type { Params } from '../../src/tensor/params.js'
import { tensor } from '../../src/tensor/tensor.js'
import { erase, everyRecipe, gradSteps, messageOf, run, toParams, torchSteps } from './fixture.js'

const params = toParams(torchSteps.initial)
const grads = gradSteps()

/** Each tensor's bytes, so a comparison is bit for bit (−0 ≠ 0, NaN payloads kept). */
const bits = (p: Params): Record<string, number[]> =>
  Object.fromEntries(Object.entries(p).map(([n, { data }]) => [n, [...new Uint32Array(data.slice().buffer)]]))

describe.each(everyRecipe)('%s: slots', (_, tx) => {
  it('round-trip bit for bit, and training continues identically from the restored state', () => {
    const { params: p, state } = run(tx, params, tx.init(params), grads.slice(0, 3))

    const saved = tx.slots(state)
    const restored = tx.restore(saved, p)

    expect(bits(tx.slots(restored).tensors)).toEqual(bits(saved.tensors))
    expect(tx.slots(restored).step).toBe(3)
    const original = run(tx, p, state, grads.slice(3))
    const resumed = run(tx, p, restored, grads.slice(3))
    expect(bits(resumed.params)).toEqual(bits(original.params))
    expect(bits(tx.slots(resumed.state).tensors)).toEqual(bits(tx.slots(original.state).tensors))
  })

  it('restore copies, so the restored state shares no array with the slots it read', () => {
    const saved = tx.slots(run(tx, params, tx.init(params), grads.slice(0, 2)).state)
    const given = new Set(Object.values(saved.tensors).map((t) => t.data))

    const restored = tx.slots(tx.restore(saved, params))

    expect(Object.values(restored.tensors).filter((t) => given.has(t.data))).toEqual([])
  })
})

describe('slot names are torch state_dict names', () => {
  const afterOneStep = (tx: Optimizer<unknown>) =>
    Object.keys(tx.slots(run(tx, params, tx.init(params), grads.slice(0, 1)).state).tensors).sort()

  it.each([
    ['sgd', erase(sgd({ learningRate: 0.1 })), []],
    ['sgd with momentum', erase(sgd({ learningRate: 0.1, momentum: 0.9 })), ['momentum_buffer']],
    ['adam', erase(adam({ learningRate: 0.1 })), ['exp_avg', 'exp_avg_sq']],
    ['adamw', erase(adamw({ learningRate: 0.1 })), ['exp_avg', 'exp_avg_sq']],
    ['rmsprop', erase(rmsprop({ learningRate: 0.1 })), ['square_avg']],
    ['rmsprop centered', erase(rmsprop({ learningRate: 0.1, centered: true })), ['grad_avg', 'square_avg']],
    ['rmsprop with momentum', erase(rmsprop({ learningRate: 0.1, momentum: 0.5 })), ['momentum_buffer', 'square_avg']],
    ['adagrad', erase(adagrad({ learningRate: 0.1 })), ['sum']],
  ] as const)('%s', (_, tx, slots) => {
    const names = afterOneStep(tx)

    expect(names).toEqual(slots.flatMap((s) => [`0.bias.${s}`, `0.weight.${s}`]).sort())
  })

  it('sgd has no momentum_buffer before its first step, as torch', () => {
    const tx = sgd({ learningRate: 0.1, momentum: 0.9 })

    const saved = tx.slots(tx.init(params))

    expect(saved).toEqual({ tensors: {}, step: 0 })
    expect(tx.restore(saved, params)).toEqual([null, { step: 0 }])
  })
})

describe('states outlive the learning rate', () => {
  it('a state stays valid when the learning rate changes: doubling η doubles the next update', () => {
    const slow = sgd({ learningRate: 0.1, momentum: 0.9 })
    const fast = sgd({ learningRate: 0.2, momentum: 0.9 })
    const { state } = run(slow, params, slow.init(params), grads.slice(0, 3))

    const [a] = slow.update(grads[3], state, params)
    const [b] = fast.update(grads[3], state, params)

    expect(b['0.weight'].data).toBeCloseToArray(a['0.weight'].data.map((v) => 2 * v), 1e-7)
  })

  it('a fixed-rate adam state continues under a schedule, which picks up at its step count', () => {
    const fixed = adam({ learningRate: 0.01 })
    const scheduled = adam({ learningRate: cosineAnnealing({ learningRate: 0.01, tMax: 4 }) })
    const { state } = run(fixed, params, fixed.init(params), grads.slice(0, 2))

    const [a] = fixed.update(grads[2], state, params)
    const [b] = scheduled.update(grads[2], state, params)

    // Step 3 of a cosine over 4 steps runs at (1 + cos(π·2/4)) / 2 = 1/2 of the rate.
    expect(b['0.bias'].data).toBeCloseToArray(a['0.bias'].data.map((v) => v / 2), 1e-7)
  })
})

describe('restore refuses slots that do not fit', () => {
  const adamSlots = (() => {
    const tx = adam({ learningRate: 0.1 })
    return tx.slots(run(tx, params, tx.init(params), grads.slice(0, 1)).state)
  })()
  const without = (...keys: string[]): Slots => ({
    ...adamSlots,
    tensors: Object.fromEntries(Object.entries(adamSlots.tensors).filter(([k]) => !keys.includes(k))),
  })

  it.each([
    [
      'slots of another optimizer',
      () => sgd({ learningRate: 0.1, momentum: 0.9 }).restore(adamSlots, params),
      'sgd: unexpected slots [0.weight.exp_avg, 0.bias.exp_avg, 0.weight.exp_avg_sq, 0.bias.exp_avg_sq]; ' +
        'were they written by another optimizer or for other parameters?',
    ],
    [
      'a missing tensor',
      () => adam({ learningRate: 0.1 }).restore(without('0.bias.exp_avg_sq'), params),
      'adam: slots [0.bias.exp_avg_sq] are missing',
    ],
    [
      'a missing slot',
      () => adamw({ learningRate: 0.1 }).restore(without('0.bias.exp_avg_sq', '0.weight.exp_avg_sq'), params),
      'adamw: the exp_avg_sq slots are missing',
    ],
    [
      'slots for other parameters',
      () => adam({ learningRate: 0.1 }).restore(adamSlots, { '0.weight': params['0.weight'] }),
      'adam: unexpected slots [0.bias.exp_avg, 0.bias.exp_avg_sq]; ' +
        'were they written by another optimizer or for other parameters?',
    ],
    [
      'a tensor of the wrong shape',
      () =>
        adam({ learningRate: 0.1 }).restore(
          { ...adamSlots, tensors: { ...adamSlots.tensors, '0.bias.exp_avg': tensor([1, 3]) } },
          params,
        ),
      'adam: slot 0.bias.exp_avg has shape [1,3], its parameter [3]',
    ],
    [
      'a step that is not a count',
      () => adam({ learningRate: 0.1 }).restore({ ...adamSlots, step: 1.5 }, params),
      'adam: step must be a count of steps, got 1.5',
    ],
    [
      'momentum buffers for sgd without momentum',
      () => {
        const tensors = { '0.weight.momentum_buffer': params['0.weight'], '0.bias.momentum_buffer': params['0.bias'] }
        return sgd({ learningRate: 0.1 }).restore({ tensors, step: 1 }, params)
      },
      'sgd: the state has momentum_buffer slots but momentum is 0; was it written with momentum?',
    ],
    [
      'an empty state for adagrad',
      () => adagrad({ learningRate: 0.1 }).restore({ tensors: {}, step: 0 }, params),
      'adagrad: the sum slots are missing',
    ],
  ])('%s', (_, act, message) => {
    expect(messageOf(act)).toBe(message)
  })
})
