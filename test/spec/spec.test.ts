import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { Spec } from '../../src/spec/spec.js'
import { errorsOf, example, withLayers, withTrain } from './specs.js'

const layerTypes = 'dense, relu, leaky-relu, prelu, abs, maxout, sigmoid, tanh, softmax, linear, mdn'
const withOptimizer = (optimizer: unknown) => ({ ...example, optimizer })
const withData = (data: object) => ({ ...example, data: { ...example.data, ...data } })

describe('Spec: error lines name the path, the expectation and the value', () => {
  it.each([
    // STYLE §9's four, in the contract's format
    ['a bad nested value', withLayers([{ type: 'dense', units: -3 }]), 'model.layers[0].units: expected a positive integer, got -3'],
    ['a misspelt field', withOptimizer({ type: 'sgd', learningRate: 0.1, momentun: 0.9 }), 'optimizer.momentun: unknown field, got 0.9'],
    ['an unknown layer type', withLayers([{ type: 'dense', units: 2 }, { type: 'rleu' }]), `model.layers[1].type: expected one of ${layerTypes}, got "rleu"`],
    ['a missing field', { ...example, model: { layers: [] } }, 'model.inputs: expected a positive integer, got nothing'],
    // the whole document and its sections
    ['a document that is not an object', [1, 2], '(root): expected an object, got [1,2]'],
    ['an unknown top-level field', { ...example, epochs: 3 }, 'epochs: unknown field, got 3'],
    ['a fractional seed', { ...example, seed: 1.5 }, 'seed: expected an integer, got 1.5'],
    ['a seed in a string', { ...example, seed: '1' }, 'seed: expected an integer, got "1"'],
    ['a missing model', { ...example, model: undefined }, 'model: expected an object, got nothing'],
    ['a model that is not an object', { ...example, model: 3 }, 'model: expected an object, got 3'],
    ['layers that are not an array', { ...example, model: { inputs: 2, layers: {} } }, 'model.layers: expected an array of layers, got {}'],
    ['zero inputs', withLayers([], 0), 'model.inputs: expected a positive integer, got 0'],
    // layers
    ['a layer written as a string', withLayers(['relu']), 'model.layers[0]: expected an object, got "relu"'],
    ['a layer without type', withLayers([{ units: 3 }]), `model.layers[0].type: expected one of ${layerTypes}, got nothing`],
    ['units in a string', withLayers([{ type: 'dense', units: '3' }]), 'model.layers[0].units: expected a positive integer, got "3"'],
    ['a fractional unit count', withLayers([{ type: 'dense', units: 2.5 }]), 'model.layers[0].units: expected a positive integer, got 2.5'],
    ['a bias that is not a boolean', withLayers([{ type: 'dense', units: 2, bias: 1 }]), 'model.layers[0].bias: expected a boolean, got 1'],
    ['a field another layer has', withLayers([{ type: 'relu', units: 3 }]), 'model.layers[0].units: unknown field, got 3'],
    ['a leaky-relu alpha in a string', withLayers([{ type: 'leaky-relu', alpha: 'small' }]), 'model.layers[0].alpha: expected a number, got "small"'],
    ['a prelu init of null', withLayers([{ type: 'prelu', init: null }]), 'model.layers[0].init: expected a number, got null'],
    ['a maxout without k', withLayers([{ type: 'maxout' }]), 'model.layers[0].k: expected a positive integer, got nothing'],
    ['a maxout k of 0', withLayers([{ type: 'maxout', k: 0 }]), 'model.layers[0].k: expected a positive integer, got 0'],
    ['fractional mdn components', withLayers([{ type: 'mdn', components: 1.5 }]), 'model.layers[0].components: expected a positive integer, got 1.5'],
    // loss and regularization
    ['an unknown loss', { ...example, loss: { type: 'hinge' } }, 'loss.type: expected one of mse, mae, binary-cross-entropy, cross-entropy, gaussian-nll, mdn-nll, got "hinge"'],
    ['a loss with options', { ...example, loss: { type: 'mse', reduction: 'sum' } }, 'loss.reduction: unknown field, got "sum"'],
    ['a negative l2', { ...example, regularization: { l2: -0.1 } }, 'regularization.l2: expected a non-negative number, got -0.1'],
    ['a misspelt regularizer', { ...example, regularization: { l3: 1 } }, 'regularization.l3: unknown field, got 1'],
    // optimizers
    ['an unknown optimizer', withOptimizer({ type: 'lbfgs', learningRate: 1 }), 'optimizer.type: expected one of sgd, adam, adamw, rmsprop, adagrad, got "lbfgs"'],
    ['a missing learning rate', withOptimizer({ type: 'adam' }), 'optimizer.learningRate: expected a non-negative number, got nothing'],
    ['a learning rate in a string', withOptimizer({ type: 'sgd', learningRate: '0.1' }), 'optimizer.learningRate: expected a non-negative number, got "0.1"'],
    ['a negative learning rate', withOptimizer({ type: 'adagrad', learningRate: -1 }), 'optimizer.learningRate: expected a non-negative number, got -1'],
    ['an infinite learning rate', withOptimizer({ type: 'sgd', learningRate: Infinity }), 'optimizer.learningRate: expected a finite number, got Infinity'],
    ['a negative momentum', withOptimizer({ type: 'sgd', learningRate: 1, momentum: -0.9 }), 'optimizer.momentum: expected a non-negative number, got -0.9'],
    ['a dampening above 1', withOptimizer({ type: 'sgd', learningRate: 1, dampening: 2 }), 'optimizer.dampening: expected a number in [0, 1], got 2'],
    ['nesterov as a string', withOptimizer({ type: 'sgd', learningRate: 1, nesterov: 'yes' }), 'optimizer.nesterov: expected a boolean, got "yes"'],
    ['weight decay on sgd', withOptimizer({ type: 'sgd', learningRate: 1, weightDecay: 0.01 }), 'optimizer.weightDecay: unknown field, got 0.01'],
    ['a beta1 of 1', withOptimizer({ type: 'adam', learningRate: 1, beta1: 1 }), 'optimizer.beta1: expected a number in [0, 1), got 1'],
    ['a negative beta2', withOptimizer({ type: 'adamw', learningRate: 1, beta2: -0.1 }), 'optimizer.beta2: expected a number in [0, 1), got -0.1'],
    ['an eps of 0', withOptimizer({ type: 'adam', learningRate: 1, eps: 0 }), 'optimizer.eps: expected a positive number, got 0'],
    ['momentum on adam', withOptimizer({ type: 'adam', learningRate: 1, momentum: 0.9 }), 'optimizer.momentum: unknown field, got 0.9'],
    ['a negative weight decay', withOptimizer({ type: 'adamw', learningRate: 1, weightDecay: -1 }), 'optimizer.weightDecay: expected a non-negative number, got -1'],
    ['an rmsprop alpha above 1', withOptimizer({ type: 'rmsprop', learningRate: 1, alpha: 1.5 }), 'optimizer.alpha: expected a number in [0, 1], got 1.5'],
    ['centered as a number', withOptimizer({ type: 'rmsprop', learningRate: 1, centered: 1 }), 'optimizer.centered: expected a boolean, got 1'],
    ['a negative adagrad eps', withOptimizer({ type: 'adagrad', learningRate: 1, eps: -1e-10 }), 'optimizer.eps: expected a positive number, got -1e-10'],
    // data
    ['a missing training source', { ...example, data: { batchSize: 4 } }, 'data.train: expected an object, got nothing'],
    ['a batch size of 0', withData({ batchSize: 0 }), 'data.batchSize: expected a positive integer, got 0'],
    ['negative epochs', withData({ epochs: -1 }), 'data.epochs: expected a non-negative integer, got -1'],
    ['shuffle as a string', withData({ shuffle: 'false' }), 'data.shuffle: expected a boolean, got "false"'],
    ['an unknown source', withTrain({ type: 'kafka' }), 'data.train.type: expected one of jsonl, csv, stdin, nats, redis, got "kafka"'],
    ['an empty path', withTrain({ type: 'jsonl', path: '' }), 'data.train.path: expected a non-empty string, got ""'],
    ['a test source without path', withData({ test: { type: 'jsonl' } }), 'data.test.path: expected a non-empty string, got nothing'],
    ['no x columns', withTrain({ type: 'csv', path: 'a.csv', x: [], y: ['t'] }), 'data.train.x: expected a non-empty array of column names, got []'],
    ['a column given by number', withTrain({ type: 'csv', path: 'a.csv', x: ['a', 'b'], y: [1] }), 'data.train.y[0]: expected a non-empty string, got 1'],
    ['a stop on a file', withTrain({ type: 'jsonl', path: 'a.jsonl', stop: { events: 5 } }), 'data.train.stop: unknown field, got {"events":5}'],
    ['stdin with a path', withTrain({ type: 'stdin', path: '-' }), 'data.train.path: unknown field, got "-"'],
    ['nats servers as a number', withTrain({ type: 'nats', servers: 4222, stream: 's', subject: 'e', durable: 'd' }), 'data.train.servers: expected a server URL or a non-empty array of them, got 4222'],
    ['no nats servers', withTrain({ type: 'nats', servers: [], stream: 's', subject: 'e', durable: 'd' }), 'data.train.servers: expected a server URL or a non-empty array of them, got []'],
    ['a bad server in a list', withTrain({ type: 'nats', servers: ['nats://a', ''], stream: 's', subject: 'e', durable: 'd' }), 'data.train.servers[1]: expected a non-empty string, got ""'],
    ['a nats source without durable', withTrain({ type: 'nats', servers: 'nats://a', stream: 's', subject: 'e' }), 'data.train.durable: expected a non-empty string, got nothing'],
    ['a redis source without group', withTrain({ type: 'redis', url: 'redis://a', stream: 's', consumer: 'c' }), 'data.train.group: expected a non-empty string, got nothing'],
    ['two stop rules', withTrain({ type: 'stdin', stop: { events: 1, idleMs: 5 } }), 'data.train.stop: expected {"events": N} or {"idleMs": T}, got {"events":1,"idleMs":5}'],
    ['a misspelt stop rule', withTrain({ type: 'stdin', stop: { event: 1 } }), 'data.train.stop: expected {"events": N} or {"idleMs": T}, got {"event":1}'],
    ['a stop that is not an object', withTrain({ type: 'stdin', stop: 100 }), 'data.train.stop: expected {"events": N} or {"idleMs": T}, got 100'],
    ['zero stop events', withTrain({ type: 'stdin', stop: { events: 0 } }), 'data.train.stop.events: expected a positive integer, got 0'],
    ['a negative idle time', withTrain({ type: 'redis', url: 'redis://a', stream: 's', group: 'g', consumer: 'c', stop: { idleMs: -5 } }), 'data.train.stop.idleMs: expected a positive number, got -5'],
    ['an extra field beside a stop rule', withTrain({ type: 'stdin', stop: { events: 1, after: 2 } }), 'data.train.stop.after: unknown field, got 2'],
  ])('%s', (_, spec, line) => {
    expect(errorsOf(Spec, spec)).toEqual([line])
  })

  it("prints STYLE §9's bad.json as one line per problem, in document order", () => {
    const bad = {
      ...example,
      model: { inputs: 2, layers: [{ type: 'dense', units: 0 }, { type: 'rleu' }] },
      optimizer: { type: 'sgd', learningRate: '0.1', momentun: 0.9 },
    }

    expect(errorsOf(Spec, bad)).toEqual([
      'model.layers[0].units: expected a positive integer, got 0',
      `model.layers[1].type: expected one of ${layerTypes}, got "rleu"`,
      'optimizer.learningRate: expected a non-negative number, got "0.1"',
      'optimizer.momentun: unknown field, got 0.9',
    ])
  })

  it('reports unknown fields and missing ones together', () => {
    expect(errorsOf(Spec, { modle: {}, loss: { type: 'mse' } })).toEqual([
      'modle: unknown field, got {}',
      'model: expected an object, got nothing',
      'optimizer: expected an object, got nothing',
      'data: expected an object, got nothing',
    ])
  })
})

describe('Spec: every layer, loss, optimizer and source decodes as written', () => {
  const layers = [
    { type: 'dense', units: 6, bias: false },
    { type: 'dense', units: 6 },
    { type: 'relu' },
    { type: 'leaky-relu' },
    { type: 'leaky-relu', alpha: 0.2 },
    { type: 'prelu' },
    { type: 'prelu', init: -0.5 },
    { type: 'abs' },
    { type: 'maxout', k: 3 },
    { type: 'sigmoid' },
    { type: 'tanh' },
    { type: 'softmax' },
    { type: 'linear' },
    { type: 'mdn', components: 2 },
  ]
  const losses = ['mse', 'mae', 'binary-cross-entropy', 'cross-entropy', 'gaussian-nll', 'mdn-nll'].map((type) => ({ type }))
  const optimizers = [
    { type: 'sgd', learningRate: 0 },
    { type: 'sgd', learningRate: 0.1, momentum: 0.9, dampening: 0, nesterov: true },
    { type: 'adam', learningRate: 1e-3 },
    { type: 'adam', learningRate: 1e-3, beta1: 0, beta2: 0.999, eps: 1e-8 },
    { type: 'adamw', learningRate: 1e-3, beta1: 0.9, beta2: 0.99, eps: 1e-6, weightDecay: 0 },
    { type: 'rmsprop', learningRate: 0.01 },
    { type: 'rmsprop', learningRate: 0.01, alpha: 0.99, eps: 1e-8, momentum: 0.5, centered: true },
    { type: 'adagrad', learningRate: 0.01 },
    { type: 'adagrad', learningRate: 0.01, eps: 1e-10 },
  ]
  const sources = [
    { type: 'jsonl', path: 'data/train.jsonl' },
    { type: 'csv', path: '/abs/train.csv', x: ['a', 'b'], y: ['label'] },
    { type: 'stdin' },
    { type: 'stdin', stop: { events: 1000 } },
    { type: 'nats', servers: 'nats://localhost:4222', stream: 'EVENTS', subject: 'events.train', durable: 'trainer' },
    { type: 'nats', servers: ['nats://a:4222', 'nats://b:4222'], stream: 'E', subject: 'e.>', durable: 'd', stop: { idleMs: 500 } },
    { type: 'redis', url: 'redis://localhost:6379', stream: 'events', group: 'g', consumer: 'c1' },
    { type: 'redis', url: 'redis://localhost:6379', stream: 'events', group: 'g', consumer: 'c1', stop: { events: 1 } },
  ]
  const minimal = {
    model: { inputs: 1, layers: [] },
    loss: { type: 'mse' },
    optimizer: { type: 'sgd', learningRate: 0.1 },
    data: { train: { type: 'stdin' }, batchSize: 1 },
  }

  it.each([
    ...layers.map((l) => [`layer ${JSON.stringify(l)}`, withLayers([l])] as const),
    ...losses.map((l) => [`loss ${l.type}`, { ...example, loss: l }] as const),
    ...optimizers.map((o) => [`optimizer ${JSON.stringify(o)}`, withOptimizer(o)] as const),
    ...sources.map((s) => [`source ${JSON.stringify(s)}`, withTrain(s)] as const),
    ...sources.map((s) => [`test source ${s.type}`, withData({ test: s })] as const),
    ['the contract example', example] as const,
    ['only the required fields', minimal] as const,
    ['0 epochs', withData({ epochs: 0 })] as const,
    ['a negative seed', { ...example, seed: -5 }] as const,
  ])('%s', (_, spec) => {
    expect(Spec.decode(spec)).toEqual(E.right(spec))
  })

  it('adds no defaults', () => {
    const decoded = Spec.decode({ ...withLayers([{ type: 'dense', units: 1 }]), seed: undefined, regularization: undefined })

    expect(E.isRight(decoded) && Object.keys(decoded.right).sort()).toEqual(['data', 'loss', 'model', 'optimizer'])
    expect(E.isRight(decoded) && decoded.right.model.layers[0]).toEqual({ type: 'dense', units: 1 })
  })
})
