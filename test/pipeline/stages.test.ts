import { Subject, from, lastValueFrom, map, pipe, tap, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { sgd } from '../../src/optim/sgd.js'
import { minibatches } from '../../src/pipeline/batching.js'
import type { Minibatch, Stepped } from '../../src/pipeline/records.js'
import { backward, forward, trainStep, update } from '../../src/pipeline/stages.js'
import { type Control, train } from '../../src/pipeline/train.js'
import { applyUpdates, mapParams } from '../../src/tensor/params.js'
import { key } from '../../src/tensor/random.js'
import { mapTensor } from '../../src/tensor/tensor.js'
import { smallNet, xorSamples } from '../support/stream.js'
import { mae } from '../../src/losses/mae.js'

const setup = (lr = 0.1) => {
  const net = smallNet()
  const tx = sgd({ learningRate: lr })
  const params = net.init(key(1))
  return { net, tx, params, initial: { step: 0, params, optState: tx.init(params) as unknown } }
}

describe('forward, backward and update as operators', () => {
  it('compute what the plans and the optimizer compute when called directly', async () => {
    const { net, tx, initial } = setup()
    const [batch] = await lastValueFrom(from(xorSamples()).pipe(minibatches(4), toArray()))

    const [stepped] = await lastValueFrom(from([{ ...initial, ...batch }]).pipe(trainStep<unknown>(net, tx), toArray()))

    const fwd = net.forward(batch.x, batch.y, initial.params)
    const grads = net.backward(fwd, batch.x, batch.y, initial.params)
    const expected = applyUpdates(initial.params, mapParams(grads, (g) => mapTensor(g, (v) => -0.1 * v)))
    expect(stepped.step).toBe(1)
    expect(stepped.loss).toBe(fwd.loss)
    for (const name of Object.keys(expected)) expect(stepped.params[name].data).toBeCloseToArray(expected[name].data, 1e-7)
  })

  it('batch n+1 always meets the parameters batch n produced', async () => {
    const { net, tx, initial } = setup()
    const seen: Minibatch[] = []
    const step = () => pipe(tap((mb: Minibatch) => seen.push(mb)), trainStep<unknown>(net, tx))

    const steps = await lastValueFrom(from(xorSamples(3)).pipe(minibatches(2), train(initial, { net, optimizer: tx, frozen: new Set() }, { step }), toArray()))

    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6])
    expect(seen[0].params).toBe(initial.params)
    steps.slice(0, -1).forEach((s, i) => expect(seen[i + 1].params).toBe(s.params))
  })

  it('never changes a value it has emitted', async () => {
    const { net, tx, initial } = setup()
    const copies: Float32Array[][] = []

    const steps = await lastValueFrom(
      from(xorSamples(4)).pipe(
        minibatches(1),
        train(initial, { net, optimizer: tx, frozen: new Set() }),
        tap((s) => copies.push(Object.values(s.params).map((t) => t.data.slice()))),
        toArray(),
      ),
    )

    steps.forEach((s, i) => Object.values(s.params).forEach((t, j) => expect(t.data).toEqual(copies[i][j])))
    expect(copies[0]).not.toEqual(copies[copies.length - 1])
  })

  it("lets a user's own stage slot in between backward and update", async () => {
    const { net, tx, initial } = setup()
    // Halving every gradient must give the same parameters as halving the learning rate.
    const halve = map((b: import('../../src/pipeline/records.js').Backwarded) => ({ ...b, grads: mapParams(b.grads, (g) => mapTensor(g, (v) => v / 2)) }))
    const run = (step: ReturnType<typeof trainStep>, lr: number) =>
      lastValueFrom(
        from(xorSamples(2)).pipe(
          minibatches(2),
          train({ ...initial }, { net, optimizer: sgd({ learningRate: lr }), frozen: new Set() }, { step: () => step }),
          toArray(),
        ),
      )

    const halved = await run(pipe(forward<unknown>(net), backward<unknown>(net), halve, update<unknown>(tx)), 0.1)
    const slower = await run(trainStep<unknown>(net, sgd({ learningRate: 0.05 })), 0.05)

    halved.forEach((s, i) => Object.keys(s.params).forEach((n) => expect(s.params[n].data).toBeCloseToArray(slower[i].params[n].data, 1e-7)))
  })
})

describe('swapping while the stream runs', () => {
  const run = async (controlAt: number, control: Control) => {
    const { net, tx, initial } = setup(0.1)
    const batches = new Subject<import('../../src/pipeline/records.js').Batch>()
    const controls = new Subject<Control>()
    const out: Stepped[] = []
    const all = await lastValueFrom(from(xorSamples(2)).pipe(minibatches(2), toArray()))
    const done = lastValueFrom(
      batches.pipe(
        train(initial, { net, optimizer: tx, withLearningRate: (lr) => sgd({ learningRate: lr }), frozen: new Set() }, { controls }),
        tap((s) => out.push(s)),
        toArray(),
      ),
    )
    all.forEach((b, i) => {
      if (i === controlAt) controls.next(control)
      batches.next(b)
    })
    batches.complete()
    await done
    return { net, out, all }
  }

  it('a new learning rate takes effect at the next step', async () => {
    const { net, out, all } = await run(2, { type: 'learningRate', value: 0.5 })

    const before = out[1].params
    const fwd = net.forward(all[2].x, all[2].y, before)
    const grads = net.backward(fwd, all[2].x, all[2].y, before)
    const expected = applyUpdates(before, mapParams(grads, (g) => mapTensor(g, (v) => -0.5 * v)))
    for (const n of Object.keys(expected)) expect(out[2].params[n].data).toBeCloseToArray(expected[n].data, 1e-6)
  })

  it('frozen parameters keep their values from the next step on', async () => {
    const { out } = await run(1, { type: 'freeze', params: ['0.weight'] })

    expect(out[1].params['0.weight']).toBe(out[0].params['0.weight'])
    expect(out[3].params['0.weight']).toBe(out[0].params['0.weight'])
    expect(out[3].params['2.weight'].data).not.toEqual(out[0].params['2.weight'].data)
  })

  it('a new loss is the one the next step reports', async () => {
    const { net, out, all } = await run(3, { type: 'loss', loss: mae })

    expect(out[3].loss).toBeCloseTo(net.withLoss(mae).evaluate(all[3].x, all[3].y, out[2].params).loss, 6)
    expect(out[2].loss).toBeCloseTo(net.evaluate(all[2].x, all[2].y, out[1].params).loss, 6)
  })

  it('a new optimizer starts from its own fresh state', async () => {
    const momentum = sgd({ learningRate: 0.1, momentum: 0.9 })
    const { out } = await run(1, { type: 'optimizer', optimizer: momentum })

    expect(momentum.slots(out[1].optState as never).step).toBe(1)
    expect(momentum.slots(out[3].optState as never).step).toBe(3)
  })
})

describe('the non-finite guard', () => {
  const poisoned = async (policy: 'skip' | 'stop') => {
    const { net, tx, initial } = setup()
    const good = await lastValueFrom(from(xorSamples()).pipe(minibatches(2), toArray()))
    const bad = { ...good[0], x: { shape: good[0].x.shape, data: Float32Array.of(Number.NaN, 0, 0, 1) } }
    return lastValueFrom(from([good[0], bad, good[1]]).pipe(train(initial, { net, optimizer: tx, frozen: new Set() }, { nonFinite: policy }), toArray()))
  }

  it('refuses a step with a non-finite loss: parameters stay, the step is reported', async () => {
    const steps = await poisoned('skip')

    expect(steps.map((s) => [s.step, s.applied])).toEqual([
      [1, true],
      [1, false],
      [2, true],
    ])
    expect(steps[1].params).toBe(steps[0].params)
  })

  it('stops after reporting it when the policy says so', async () => {
    const steps = await poisoned('stop')

    expect(steps.map((s) => s.applied)).toEqual([true, false])
  })
})
