/**
 * The fused trainer's state: loading and snapshotting parameters and slots bit for bit, growing
 * its buffers mid-stream, refusing non-finite steps without touching anything, determinism,
 * predictions, and the errors its methods throw.
 */
import { describe, expect, it } from 'vitest'
import { optimizerOf, netOf } from '../../src/spec/build.js'
import type { OptimizerSpec } from '../../src/spec/optimizer.js'
import type { Slots } from '../../src/optim/optimizer.js'
import type { Params } from '../../src/tensor/params.js'
import { key } from '../../src/tensor/random.js'
import { tensor } from '../../src/tensor/tensor.js'
import { type ModelParts, batchesOf, fastOf, mlpSpec, trainFast, trainGeneric, worstError } from './support.js'

const optimizers: readonly OptimizerSpec[] = [
  { type: 'sgd', learningRate: 0.05 },
  { type: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true },
  { type: 'adam', learningRate: 0.01 },
  { type: 'adamw', learningRate: 0.01 },
  { type: 'rmsprop', learningRate: 0.01, momentum: 0.3, centered: true },
  { type: 'rmsprop', learningRate: 0.01 },
  { type: 'adagrad', learningRate: 0.05 },
]

/** Tensors as [name, shape, bits] so comparisons are bit for bit (NaN and −0 included). */
const bits = (p: Params) => Object.entries(p).map(([n, t]) => [n, t.shape, Array.from(new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length))])
const slotBits = (s: Slots) => ({ step: s.step, tensors: bits(s.tensors) })

describe('load, params and slots', () => {
  it.each(optimizers.map((o) => [JSON.stringify(o), o] as const))('%s: round trip bit for bit, before and after steps', async (_, o) => {
    const spec = mlpSpec({ type: 'tanh' }, 'mse', o)
    const tx = optimizerOf(o)
    const initial = netOf(spec).init(key(1))
    const trained = (await trainGeneric(spec, initial, batchesOf(spec, 2, 3, 4)))[2]
    const mlp = fastOf(spec)

    for (const [params, slots] of [
      [initial, tx.slots(tx.init(initial))],
      [trained.params, tx.slots(trained.optState)],
    ] as const) {
      mlp.load(params, slots)
      expect(bits(mlp.params())).toEqual(bits(params))
      expect(slotBits(mlp.slots())).toEqual(slotBits(slots))
    }
  })

  it.each(optimizers.map((o) => [JSON.stringify(o), o] as const))('%s: after steps, the slots the generic optimizer would hold', async (_, o) => {
    const spec = mlpSpec({ type: 'relu' }, 'cross-entropy', o)
    const params = netOf(spec).init(key(4))
    const batches = batchesOf(spec, 6, 5, 3)
    const tx = optimizerOf(o)

    const generic = (await trainGeneric(spec, params, batches))[4]
    const fast = trainFast(spec, params, batches).mlp.slots()

    const expected = tx.slots(generic.optState)
    expect(Object.keys(fast.tensors)).toEqual(Object.keys(expected.tensors))
    expect(fast.step).toBe(5)
    expect(worstError(fast.tensors, expected.tensors, 1e-3).error).toBeLessThan(1e-4)
  })

  it('snapshots are copies: later steps and edits leave them alone', () => {
    const spec = mlpSpec({ type: 'tanh' }, 'mse', optimizers[1])
    const mlp = fastOf(spec)
    const params = netOf(spec).init(key(1))
    mlp.load(params, optimizerOf(spec.optimizer).slots(optimizerOf(spec.optimizer).init(params)))
    const before = mlp.params()
    const kept = bits(before)

    for (const b of batchesOf(spec, 1, 3, 2)) mlp.step(b.x.data, b.y.data, 2)
    mlp.params()['0.weight'].data[0] = 42

    expect(bits(before)).toEqual(kept)
    expect(before['0.weight'].data.buffer).not.toBeInstanceOf(SharedArrayBuffer)
    expect(mlp.params()['0.weight'].data[0]).not.toBe(42)
  })

  it('rejects parameters or slots that do not fit, naming them', () => {
    const spec = mlpSpec({ type: 'tanh' }, 'mse', optimizers[2])
    const mlp = fastOf(spec)
    const tx = optimizerOf(spec.optimizer)
    const params = netOf(spec).init(key(1))
    const { ['4.bias']: _, ...missing } = params

    expect(() => mlp.load(missing, tx.slots(tx.init(params)))).toThrow('fastMlp.load: parameter sets differ in [4.bias]')
    expect(() => mlp.load({ ...params, '0.bias': tensor([3], [1, 2, 3]) }, tx.slots(tx.init(params)))).toThrow('fastMlp.load: 0.bias has shape [3], expected [8]')
    expect(() => mlp.load(params, { tensors: {}, step: 0 })).toThrow('exp_avg')
  })
})

describe('steps', () => {
  const spec = mlpSpec({ type: 'tanh' }, 'mse', optimizers[2], { inputs: 8, hidden: [8, 12], outputs: 4, l2: 0.01 })

  it('grows its buffers when a larger batch arrives, matching the generic path, and old output views stay valid', async () => {
    const params = netOf(spec).init(key(2))
    const sizes = [1, 3, 32, 2, 128, 5, 1, 64]
    const batches = sizes.map((n, i) => batchesOf(spec, 10 + i, 1, n)[0])
    const mlp = fastOf(spec)
    const tx = optimizerOf(spec.optimizer)
    mlp.load(params, tx.slots(tx.init(params)))

    const losses = batches.map((b, i) => {
      const loss = mlp.step(b.x.data, b.y.data, sizes[i])
      return { loss, yhat: mlp.yhat(), copy: mlp.yhat().slice() }
    })
    const generic = await trainGeneric(spec, params, batches)

    expect(worstError(mlp.params(), generic[generic.length - 1].params).error).toBeLessThan(1e-5)
    losses.forEach((l, i) => expect(l.loss).toBeCloseTo(generic[i].loss, 5))
    // Buffers for 3, then 32, then 128 rows: the views of the steps of 3 and of 2 rows were left
    // behind when they grew, so later steps did not overwrite them.
    expect(Array.from(losses[1].yhat)).toEqual(Array.from(losses[1].copy))
    expect(Array.from(losses[3].yhat)).toEqual(Array.from(losses[3].copy))
    expect(worstError({ y: tensor([2, 4], losses[3].copy) }, { y: generic[3].yhat }, 1).error).toBeLessThan(1e-5)
  })

  it.each([1, 3, 40])('refuses a batch %s with a NaN input: the loss is NaN and nothing changes', (batch) => {
    const [a, b] = batchesOf(spec, 3, 2, batch)
    const mlp = fastOf(spec)
    const params = netOf(spec).init(key(2))
    const tx = optimizerOf(spec.optimizer)
    mlp.load(params, tx.slots(tx.init(params)))
    mlp.step(a.x.data, a.y.data, batch)
    const [p0, s0] = [bits(mlp.params()), slotBits(mlp.slots())]
    const x = b.x.data.slice()
    x[x.length - 1] = NaN

    const loss = mlp.step(x, b.y.data, batch)

    expect(loss).toBeNaN()
    expect(mlp.applied()).toBe(false)
    expect(bits(mlp.params())).toEqual(p0)
    expect(slotBits(mlp.slots())).toEqual(s0)
    mlp.step(b.x.data, b.y.data, batch)
    expect(mlp.applied()).toBe(true)
    expect(mlp.slots().step).toBe(2)
  })

  it.each([1, 3])('refuses a batch %s whose loss is finite but whose weight gradient overflows, as the generic guard does', async (batch) => {
    const linear: ModelParts = { model: { inputs: 4, layers: [{ type: 'dense', units: 1 }] }, loss: { type: 'mse' }, optimizer: { type: 'sgd', learningRate: 0.1 } }
    const params: Params = { '0.weight': tensor([1, 4], [1e-35, 0, 0, 0]), '0.bias': tensor([1], [0]) }
    const x = new Float32Array(4 * batch).fill(0)
    for (let r = 0; r < batch; r++) x[4 * r] = 1e37
    const y = new Float32Array(batch)
    const batches = [{ x: tensor([batch, 4], x), y: tensor([batch, 1], y), lines: [...y.keys()], epoch: 0 }]

    const generic = await trainGeneric(linear, params, batches)
    const fast = trainFast(linear, params, batches)

    expect(generic[0].applied).toBe(false)
    expect(Number.isFinite(fast.losses[0])).toBe(true)
    expect(fast.losses[0]).toBeCloseTo(generic[0].loss, 1)
    expect(fast.mlp.applied()).toBe(false)
    expect(bits(fast.params)).toEqual(bits(params))
  })

  it('is deterministic: the same batches give the same bits, on each build', () => {
    for (const build of ['relaxed', 'simd'] as const) {
      const params = netOf(spec).init(key(7))
      const batches = [1, 3, 40, 128].flatMap((n, i) => batchesOf(spec, 20 + i, 3, n))
      const [a, b] = [trainFast(spec, params, batches, build), trainFast(spec, params, batches, build)]
      expect(bits(a.params)).toEqual(bits(b.params))
      expect(a.losses).toEqual(b.losses)
    }
  })

  it('predicts what the next step sees, the output unit applied, in chunks of any size', () => {
    const ce = mlpSpec({ type: 'relu' }, 'cross-entropy', optimizers[0], { outputs: 4 })
    const net = netOf(ce)
    const params = netOf(ce).init(key(8))
    const [big] = batchesOf(ce, 9, 1, 600)
    const mlp = fastOf(ce)
    const tx = optimizerOf(ce.optimizer)
    mlp.load(params, tx.slots(tx.init(params)))

    const predicted = mlp.predict(big.x.data, 600)
    const expected = net.predict(big.x, params)
    const first = mlp.predict(big.x.data.subarray(0, 5 * 5), 5)
    mlp.step(big.x.data, big.y.data, 5)

    expect(worstError({ p: tensor([600, 4], predicted) }, { p: expected }, 1).error).toBeLessThan(1e-6)
    expect(Array.from(mlp.yhat())).toEqual(Array.from(first))
  })

  it('takes a new learning rate from the next step on', async () => {
    const params = netOf(spec).init(key(2))
    const batches = batchesOf(spec, 3, 4, 3)
    const mlp = fastOf(spec)
    const tx = optimizerOf(spec.optimizer)
    mlp.load(params, tx.slots(tx.init(params)))

    mlp.step(batches[0].x.data, batches[0].y.data, 3)
    mlp.setLearningRate(0)
    const before = bits(mlp.params())
    mlp.step(batches[1].x.data, batches[1].y.data, 3)

    expect(bits(mlp.params())).toEqual(before)
    expect(mlp.slots().step).toBe(2)
    expect(() => mlp.setLearningRate(-1)).toThrow('learningRate must be non-negative, got -1')
  })

  it('names the shapes when a batch does not fit', () => {
    const mlp = fastOf(spec)

    expect(() => mlp.step(new Float32Array(8), new Float32Array(4), 2)).toThrow('fastMlp.step: a batch of 2 needs x [2, 8] and y [2, 4], got 8 and 4 floats')
    expect(() => mlp.step(new Float32Array(8), new Float32Array(4), 0)).toThrow('fastMlp.step: batch must be a positive integer, got 0')
    expect(() => mlp.predict(new Float32Array(7), 1)).toThrow('fastMlp.predict: a batch of 1 needs x [1, 8], got 7 floats')
  })
})
