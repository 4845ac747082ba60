import { describe, expect, it } from 'vitest'
import type { Layer } from '../../src/graph/layer.js'
import type { Loss } from '../../src/graph/loss.js'
import { compileNet } from '../../src/graph/net.js'
import { relu, tanh } from '../../src/layers/activations.js'
import { dense } from '../../src/layers/dense.js'
import { mse } from '../../src/losses/mse.js'
import { key, splitN, uniform } from '../../src/tensor/random.js'
import { probeNet } from '../support/gradcheck.js'

const f64 = (t: { shape: readonly number[]; data: Float32Array }) => ({ shape: t.shape, data: Float64Array.from(t.data) })

/** h = dense(x); out = dense(relu(dense(h)) + h): a residual block, built by calling layers on nodes. */
const skip: Layer = {
  kind: 'skip',
  apply: (g, x, s) => {
    const h = dense({ units: 4 }).apply(g, x, s.child('0'))
    const r = dense({ units: 4 }).apply(g, relu().apply(g, h, s.child('1')), s.child('2'))
    return dense({ units: 1 }).apply(g, g.add(r, h), s.child('3'))
  },
}

/** One trunk, two heads side by side: a regression value and a tanh-squashed value. */
const twoHeads: Layer = {
  kind: 'two-heads',
  apply: (g, x, s) => {
    const trunk = tanh().apply(g, dense({ units: 5 }).apply(g, x, s.child('trunk')), s.child('act'))
    const a = dense({ units: 1 }).apply(g, trunk, s.child('a'))
    const b = tanh().apply(g, dense({ units: 1 }).apply(g, trunk, s.child('b')), s.child('bAct'))
    return g.concatCols(a, b)
  },
}

/** The sum of one squared error per head, each on its own column. */
const perHead: Loss = {
  name: 'per-head',
  targets: () => 2,
  build: (g, yhat, y) =>
    g.add(
      mse.build(g, g.sliceCols(yhat, 0, 1), g.sliceCols(y, 0, 1)),
      g.scale(mse.build(g, g.sliceCols(yhat, 1, 2), g.sliceCols(y, 1, 2)), 0.5),
    ),
}

const check = (model: Layer, loss: Loss, inputs: number) => {
  const net = compileNet(model, loss, { inputs })
  const [kp, kx, ky] = splitN(key(9), 3)
  const params = net.init(kp)
  return {
    net,
    ...probeNet(net, f64(uniform(kx, [6, inputs], -1, 1)), f64(uniform(ky, [6, net.targets], -1, 1)), net.params.map((p) => f64(params[p.name]))),
  }
}

describe('models that are DAGs, not chains', () => {
  it('a skip connection: the shared node gets both gradient paths', () => {
    const { net, symbolic, numeric } = check(skip, mse, 3)

    expect(net.params.map((p) => p.name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias', '3.weight', '3.bias'])
    symbolic.forEach((s, i) => expect(s).toBeCloseToArray(numeric[i], 1e-6))
  })

  it('a two-headed model with a loss per head', () => {
    const { net, symbolic, numeric } = check(twoHeads, perHead, 3)

    expect(net.params.map((p) => p.name)).toEqual(['trunk.weight', 'trunk.bias', 'a.weight', 'a.bias', 'b.weight', 'b.bias'])
    symbolic.forEach((s, i) => expect(s).toBeCloseToArray(numeric[i], 1e-6))
  })
})
