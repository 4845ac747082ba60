import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { checkSpec } from '../../src/spec/check.js'
import { Spec } from '../../src/spec/spec.js'
import { eventShape, mdnTargetWidth, outputWidth, targetWidth, walkWidths } from '../../src/spec/widths.js'
import { example, withLayers, withTrain } from './specs.js'

/** Decodes a spec the codec must accept, so each row tests the cross-field rule alone. */
const decoded = (value: unknown): Spec => {
  const r = Spec.decode(value)
  if (E.isLeft(r)) throw new Error(`test spec does not decode: ${JSON.stringify(value)}`)
  return r.right
}
const model = (layers: readonly object[], loss = 'mse', inputs = 2) => decoded({ ...withLayers(layers, inputs), loss: { type: loss } })
const dense = (units: number) => ({ type: 'dense', units })
const withData = (data: object) => decoded({ ...example, data: { ...example.data, ...data } })
const nats = { type: 'nats', servers: 'nats://a', stream: 's', subject: 'e', durable: 'd' }
const redis = { type: 'redis', url: 'redis://a', stream: 's', group: 'g', consumer: 'c' }
const csv = (x: readonly string[], y: readonly string[]) => ({ type: 'csv', path: 'a.csv', x, y })

describe('checkSpec', () => {
  it.each([
    ['maxout k not dividing the width', model([dense(6), { type: 'relu' }, { type: 'maxout', k: 4 }]), ['model.layers[2].k: expected a divisor of the incoming width 6, got 4']],
    ['maxout over the inputs', model([{ type: 'maxout', k: 3 }]), ['model.layers[0].k: expected a divisor of the incoming width 2, got 3']],
    ['an mdn over a width that is not K(2D+1)', model([dense(8), { type: 'mdn', components: 3 }], 'mdn-nll'), ['model.layers[1].components: expected a K for which the incoming width 8 is K(2D+1) with an integer D ≥ 1, got 3']],
    ['an mdn with D = 0', model([dense(3), { type: 'mdn', components: 3 }], 'mdn-nll'), ['model.layers[1].components: expected a K for which the incoming width 3 is K(2D+1) with an integer D ≥ 1, got 3']],
    ['an mdn before other layers', model([dense(3), { type: 'mdn', components: 1 }, { type: 'linear' }]), ['model.layers[1].type: expected mdn only as the last layer, got "mdn" with 1 layer after it']],
    ['cross-entropy without softmax', model([dense(3)], 'cross-entropy'), ['loss.type: expected a model ending in softmax for cross-entropy, got a model ending in dense']],
    ['cross-entropy with no layers', model([], 'cross-entropy'), ['loss.type: expected a model ending in softmax for cross-entropy, got a model with no layers']],
    ['cross-entropy over one class', model([dense(1), { type: 'softmax' }], 'cross-entropy'), ['loss.type: expected at least 2 classes for cross-entropy, got an output width of 1']],
    ['binary-cross-entropy without sigmoid', model([dense(1), { type: 'tanh' }], 'binary-cross-entropy'), ['loss.type: expected a model ending in sigmoid for binary-cross-entropy, got a model ending in tanh']],
    ['mdn-nll without mdn', model([dense(3)], 'mdn-nll'), ['loss.type: expected a model ending in mdn for mdn-nll, got a model ending in dense']],
    ['gaussian-nll over an odd width', model([dense(3)], 'gaussian-nll'), ['loss.type: expected an even output width ([μ, log σ²]) for gaussian-nll, got 3']],
    ['nesterov without momentum', decoded({ ...example, optimizer: { type: 'sgd', learningRate: 0.1, nesterov: true } }), ['optimizer.nesterov: expected momentum > 0 and dampening 0, got momentum 0 and dampening 0']],
    ['nesterov with dampening', decoded({ ...example, optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true } }), ['optimizer.nesterov: expected momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.1']],
    ['several epochs of nats', withData({ train: nats, epochs: 2 }), ['data.epochs: expected 1 or absent with a nats source, got 2']],
    ['zero epochs of redis', withData({ train: redis, epochs: 0 }), ['data.epochs: expected 1 or absent with a redis source, got 0']],
    ['csv x columns that do not match the inputs', decoded(withTrain(csv(['a', 'b', 'c'], ['t']))), ['data.train.x: expected 2 columns (model.inputs), got 3']],
    ['csv y columns that do not match the targets', decoded({ ...example, data: { ...example.data, test: csv(['a', 'b'], ['t', 'u']) } }), ['data.test.y: expected 1 column (the target width), got 2']],
    ['csv y columns that are neither an index nor one per class', decoded({ ...withTrain(csv(['a', 'b'], ['p', 'q'])), model: { inputs: 2, layers: [dense(3), { type: 'softmax' }] }, loss: { type: 'cross-entropy' } }), ['data.train.y: expected 1 column (a class index) or 3 (one per class), got 2']],
    ['csv y columns of gaussian-nll', decoded({ ...withTrain(csv(['a'], ['t'])), model: { inputs: 1, layers: [dense(4)] }, loss: { type: 'gaussian-nll' } }), ['data.train.y: expected 2 columns (the target width), got 1']],
  ])('%s', (_, spec, lines) => {
    expect(checkSpec(spec)).toEqual(lines)
  })
})

describe('checkSpec accepts', () => {
  it.each([
    ['the contract example', decoded(example)],
    ['every hidden layer type', model([dense(6), { type: 'leaky-relu' }, { type: 'prelu' }, { type: 'abs' }, { type: 'maxout', k: 3 }, { type: 'tanh' }, { type: 'sigmoid' }, { type: 'linear' }, { type: 'relu' }])],
    ['cross-entropy after softmax', model([dense(10), { type: 'softmax' }], 'cross-entropy')],
    ['binary-cross-entropy after sigmoid', model([dense(1), { type: 'sigmoid' }], 'binary-cross-entropy')],
    ['mdn-nll after mdn', model([dense(15), { type: 'mdn', components: 3 }], 'mdn-nll')],
    ['gaussian-nll over an even width', model([dense(4)], 'gaussian-nll')],
    ['mse over a softmax', model([dense(3), { type: 'softmax' }])],
    ['a model with no layers', model([])],
    ['nesterov with momentum', decoded({ ...example, optimizer: { type: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true } })],
    ['nesterov false without momentum', decoded({ ...example, optimizer: { type: 'sgd', learningRate: 0.1, nesterov: false } })],
    ['one epoch of nats', withData({ train: nats, epochs: 1 })],
    ['redis without epochs', decoded({ ...example, data: { train: redis, batchSize: 8 } })],
    ['several epochs of stdin', withData({ train: { type: 'stdin' }, epochs: 3 })],
    ['csv with a class-index column', decoded({ ...withTrain(csv(['a', 'b'], ['label'])), model: { inputs: 2, layers: [dense(3), { type: 'softmax' }] }, loss: { type: 'cross-entropy' } })],
    ['csv with one column per class', decoded({ ...withTrain(csv(['a', 'b'], ['p', 'q', 'r'])), model: { inputs: 2, layers: [dense(3), { type: 'softmax' }] }, loss: { type: 'cross-entropy' } })],
  ])('%s', (_, spec) => {
    expect(checkSpec(spec)).toEqual([])
  })

  it('reports every problem, model first', () => {
    const spec = decoded({
      ...withLayers([dense(3), { type: 'mdn', components: 1 }, { type: 'maxout', k: 2 }]),
      loss: { type: 'cross-entropy' },
      optimizer: { type: 'sgd', learningRate: 1, nesterov: true },
      data: { train: nats, batchSize: 1, epochs: 3, test: csv(['a'], ['b']) },
    })

    expect(checkSpec(spec)).toEqual([
      'model.layers[2].k: expected a divisor of the incoming width 3, got 2',
      'model.layers[1].type: expected mdn only as the last layer, got "mdn" with 1 layer after it',
      'loss.type: expected a model ending in softmax for cross-entropy, got a model ending in maxout',
      'optimizer.nesterov: expected momentum > 0 and dampening 0, got momentum 0 and dampening 0',
      'data.epochs: expected 1 or absent with a nats source, got 3',
      'data.test.x: expected 2 columns (model.inputs), got 1',
    ])
  })
})

describe('widths', () => {
  it('follows each layer from the inputs', () => {
    const m = model([dense(12), { type: 'prelu' }, { type: 'maxout', k: 4 }, { type: 'softmax' }]).model

    expect(walkWidths(m)).toEqual({ widths: [12, 12, 3, 3] })
    expect(outputWidth(m)).toBe(3)
    expect(outputWidth(model([], 'mse', 5).model)).toBe(5)
  })

  it('stops at the first misfit and refuses an output width for it', () => {
    const m = model([dense(6), { type: 'maxout', k: 4 }, dense(2)]).model

    expect(walkWidths(m)).toEqual({ widths: [6], misfit: 'model.layers[1].k: expected a divisor of the incoming width 6, got 4' })
    expect(() => outputWidth(m)).toThrow(/does not fit together: model.layers\[1\].k/)
  })

  it.each([
    [9, 3, 1],
    [15, 3, 2],
    [7, 1, 3],
    [8, 3, undefined],
    [12, 2, undefined],
    [6, 2, 1],
    [2, 2, undefined],
  ])('an mdn over width %i with %i components has targets of width %s', (incoming, k, d) => {
    expect(mdnTargetWidth(incoming, k)).toBe(d)
  })

  it.each([
    ['mse', model([dense(3)]), { inputs: 2, targets: 3, classes: false }],
    ['mae over no layers', model([], 'mae', 4), { inputs: 4, targets: 4, classes: false }],
    ['binary-cross-entropy', model([dense(2), { type: 'sigmoid' }], 'binary-cross-entropy'), { inputs: 2, targets: 2, classes: false }],
    ['cross-entropy: the classes', model([dense(10), { type: 'softmax' }], 'cross-entropy'), { inputs: 2, targets: 10, classes: true }],
    ['gaussian-nll: D of [μ (D), log σ² (D)]', model([dense(6)], 'gaussian-nll'), { inputs: 2, targets: 3, classes: false }],
    ['mdn-nll: D of K(2D+1)', model([dense(15), { type: 'mdn', components: 3 }], 'mdn-nll'), { inputs: 2, targets: 2, classes: false }],
  ])('the event shape of %s', (_, spec, shape) => {
    expect(eventShape(spec)).toEqual(shape)
    expect(targetWidth(spec)).toBe(shape.targets)
  })

  it('refuses a target width for mdn-nll without an mdn', () => {
    expect(() => targetWidth(model([dense(3)], 'mdn-nll'))).toThrow(/mdn-nll needs a model that ends in an mdn layer/)
  })
})
