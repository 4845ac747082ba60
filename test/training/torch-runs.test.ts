import { from, lastValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { Layer } from '../../src/graph/layer.js'
import type { Loss } from '../../src/graph/loss.js'
import { compileNet } from '../../src/graph/net.js'
import { abs, leakyRelu, linear, relu, sigmoid, softmax, tanh } from '../../src/layers/activations.js'
import { dense } from '../../src/layers/dense.js'
import { maxout } from '../../src/layers/maxout.js'
import { mdn } from '../../src/layers/mdn.js'
import { prelu } from '../../src/layers/prelu.js'
import { serial } from '../../src/layers/serial.js'
import { binaryCrossEntropy } from '../../src/losses/binaryCrossEntropy.js'
import { crossEntropy } from '../../src/losses/crossEntropy.js'
import { gaussianNll } from '../../src/losses/gaussianNll.js'
import { mae } from '../../src/losses/mae.js'
import { mdnNll } from '../../src/losses/mdnNll.js'
import { mse } from '../../src/losses/mse.js'
import { penalty } from '../../src/losses/regularization.js'
import { adagrad } from '../../src/optim/adagrad.js'
import { adam } from '../../src/optim/adam.js'
import { adamw } from '../../src/optim/adamw.js'
import type { Transform } from '../../src/optim/transform.js'
import { rmsprop } from '../../src/optim/rmsprop.js'
import { sgd } from '../../src/optim/sgd.js'
import { minibatches } from '../../src/pipeline/batching.js'
import { train } from '../../src/pipeline/train.js'
import { samples } from '../support/stream.js'
import { type TorchRun, flat, initialParams, torchRuns, worstRelativeError } from '../support/torchRuns.js'

type Run = TorchRun
const runs = torchRuns()

const layerOf = (l: Run['layers'][number]): Layer =>
  (<Record<string, () => Layer>>{
    dense: () => dense({ units: l.units }),
    relu,
    tanh,
    sigmoid,
    softmax,
    abs,
    linear,
    'leaky-relu': () => leakyRelu(),
    prelu: () => prelu(),
    maxout: () => maxout({ k: l.k }),
    mdn: () => mdn({ components: l.components }),
  })[l.type]()
const losses: Record<string, Loss> = { mse, mae, 'cross-entropy': crossEntropy, 'binary-cross-entropy': binaryCrossEntropy, 'gaussian-nll': gaussianNll, 'mdn-nll': mdnNll }
const optimizerOf = ({ type, ...o }: Run['optimizer']): Transform<unknown> =>
  (<Record<string, () => Transform<unknown>>>{ sgd: () => sgd(o as never), adam: () => adam(o as never), adamw: () => adamw(o as never), rmsprop: () => rmsprop(o as never), adagrad: () => adagrad(o as never) })[type]()


describe('whole training runs against torch 1.13 (fixtures/training)', () => {
  it.each(runs.map((r) => [r.name, r] as const))('%s: loss and parameters after every step', async (_, run) => {
    const net = compileNet(serial(...run.layers.map(layerOf)), losses[run.loss], { inputs: run.inputs, penalty: penalty(run.regularization) })
    const tx = optimizerOf(run.optimizer)
    const params = initialParams(run)
    const data = samples(run.x.map((x, i) => [x, run.y[i]] as const))
    const batches = (await Promise.all(Array.from({ length: run.epochs }, (_, e) => lastValueFrom(from(data).pipe(minibatches(run.batchSize, e), toArray()))))).flat()

    const steps = await lastValueFrom(from(batches).pipe(train({ step: 0, params, optState: tx.init(params) }, { net, optimizer: tx, frozen: new Set() }), toArray()))

    expect(steps).toHaveLength(run.steps.length)
    steps.forEach((s, i) => {
      const expected = run.steps[i]
      expect(s.loss).toBeCloseTo(expected.loss, 5)
      for (const [name, value] of Object.entries(expected.params)) expect(Array.from(s.params[name].data)).toBeCloseToArray(flat(value), 1e-5)
    })
    const { worst, at } = worstRelativeError(run, steps)
    console.log(`${run.name}: largest error relative to max(|w|, 0.01) ${worst.toExponential(2)} (${at}) over ${steps.length} steps`)
  })
})
