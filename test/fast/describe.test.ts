/** Which specs the fused trainer takes, what it makes of them, and the reason it gives for the others. */
import { describe, expect, it } from 'vitest'
import { type MlpDescription, describeSpec } from '../../src/fast/describe.js'
import { fastMlp, loadFastMlp } from '../../src/fast/mlp.js'
import { fastMlpOfSpec } from '../../src/fast/spec.js'
import type { LayerSpec, LossSpec } from '../../src/spec/model.js'
import type { ModelParts } from './support.js'

const sgd = { type: 'sgd', learningRate: 0.1 } as const
const specOf = (layers: LayerSpec[], loss: LossSpec['type'] = 'mse'): ModelParts => ({ model: { inputs: 3, layers }, loss: { type: loss }, optimizer: sgd })

describe('describeSpec', () => {
  it('pairs each dense layer with the activation after it, skips linear layers, and keeps the spec positions for names', () => {
    const d = describeSpec({
      ...specOf([{ type: 'linear' }, { type: 'dense', units: 4, bias: false }, { type: 'leaky-relu' }, { type: 'linear' }, { type: 'dense', units: 2 }, { type: 'dense', units: 3 }, { type: 'softmax' }], 'cross-entropy'),
      regularization: { l2: 0.5 },
    })

    expect(d).toEqual({
      ok: true,
      description: {
        inputs: 3,
        layers: [
          { index: 1, units: 4, bias: false, activation: { type: 'leaky-relu', alpha: 0.01 } },
          { index: 4, units: 2, bias: true, activation: { type: 'linear' } },
          { index: 5, units: 3, bias: true, activation: { type: 'softmax' } },
        ],
        loss: 'cross-entropy',
        optimizer: sgd,
        regularization: { l2: 0.5 },
      },
    })
  })

  it.each([
    ['a prelu', specOf([{ type: 'dense', units: 4 }, { type: 'prelu' }, { type: 'dense', units: 1 }]), 'model.layers[1]: prelu is not a dense layer or an elementwise activation'],
    ['a maxout', specOf([{ type: 'dense', units: 4 }, { type: 'maxout', k: 2 }, { type: 'dense', units: 1 }]), 'model.layers[1]: maxout is not a dense layer or an elementwise activation'],
    ['an activation first', specOf([{ type: 'tanh' }, { type: 'dense', units: 1 }]), 'model.layers[0]: tanh before the first dense layer'],
    ['two activations in a row', specOf([{ type: 'dense', units: 4 }, { type: 'relu' }, { type: 'tanh' }, { type: 'dense', units: 1 }]), 'model.layers[2]: a second activation (tanh) after relu'],
    ['no dense layer', specOf([{ type: 'linear' }]), 'model.layers: no dense layer'],
    ['a hidden softmax', specOf([{ type: 'dense', units: 4 }, { type: 'softmax' }, { type: 'dense', units: 2 }, { type: 'softmax' }], 'cross-entropy'), 'model.layers: softmax only as the last layer, before cross-entropy'],
    ['softmax with mse', specOf([{ type: 'dense', units: 4 }, { type: 'softmax' }]), 'model.layers: softmax only as the last layer, before cross-entropy'],
    ['binary cross-entropy without sigmoid', specOf([{ type: 'dense', units: 1 }], 'binary-cross-entropy'), 'loss.type: binary-cross-entropy needs the model to end in sigmoid, got dense'],
    ['cross-entropy without softmax', specOf([{ type: 'dense', units: 2 }], 'cross-entropy'), 'loss.type: cross-entropy needs the model to end in softmax, got dense'],
    ['gaussian-nll', specOf([{ type: 'dense', units: 2 }], 'gaussian-nll'), 'loss.type: gaussian-nll is not fused with an output unit'],
  ] as const)('refuses %s, saying why', (_, spec, reason) => {
    expect(describeSpec(spec)).toEqual({ ok: false, reason })
    expect(fastMlpOfSpec(spec)).toEqual({ ok: false, reason })
  })

  it('takes an elementwise output unit with mse and mae, and sigmoid with binary cross-entropy', () => {
    for (const [end, loss] of [['tanh', 'mse'], ['sigmoid', 'mae'], ['relu', 'mse'], ['sigmoid', 'binary-cross-entropy']] as const) {
      expect(fastMlpOfSpec(specOf([{ type: 'dense', units: 2 }, { type: end }], loss)).ok).toBe(true)
    }
  })
})

describe('fastMlp', () => {
  it('is null, with loadFastMlp saying why, where the build is missing', () => {
    const d = describeSpec(specOf([{ type: 'dense', units: 2 }]))
    if (!d.ok) throw new Error(d.reason)
    const missing = new URL('file:///nonexistent/')

    expect(fastMlp(d.description, { wasmDir: missing })).toBeNull()
    expect(fastMlpOfSpec(specOf([{ type: 'dense', units: 2 }]), { wasmDir: missing })).toEqual({
      ok: false,
      reason: expect.stringContaining('run `npm run build:wasm`'),
    })
  })

  it.each([
    ['a hidden softmax', { layers: [{ index: 0, units: 4, bias: true, activation: { type: 'softmax' } }, { index: 2, units: 2, bias: true, activation: { type: 'softmax' } }], loss: 'cross-entropy' }, 'model.layers: softmax only as the last layer, before cross-entropy'],
    ['cross-entropy after tanh', { layers: [{ index: 0, units: 2, bias: true, activation: { type: 'tanh' } }], loss: 'cross-entropy' }, 'loss.type: cross-entropy needs the model to end in softmax, got tanh'],
    ['no layers', { layers: [], loss: 'mse' }, 'layers: no dense layer'],
    ['zero units', { layers: [{ index: 0, units: 0, bias: true, activation: { type: 'linear' } }], loss: 'mse' }, 'layers[0]: expected positive integer units and a finite leaky-relu alpha'],
  ] as const)('is null for a hand-written description with %s, saying why', (_, parts, reason) => {
    const d = { inputs: 3, optimizer: sgd, ...parts } as unknown as MlpDescription

    expect(fastMlp(d)).toBeNull()
    expect(loadFastMlp(d)).toEqual({ ok: false, reason })
  })

  it('throws, as torch does, for an optimizer that cannot work', () => {
    expect(() => fastMlpOfSpec({ ...specOf([{ type: 'dense', units: 2 }]), optimizer: { type: 'sgd', learningRate: 0.1, nesterov: true } })).toThrow('nesterov needs momentum > 0')
  })
})
