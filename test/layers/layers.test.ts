import { describe, expect, it } from 'vitest'
import type { Layer } from '../../src/graph/layer.js'
import { compileNet } from '../../src/graph/net.js'
import { abs, leakyRelu, linear, relu, sigmoid, softmax, tanh } from '../../src/layers/activations.js'
import { dense } from '../../src/layers/dense.js'
import { maxout } from '../../src/layers/maxout.js'
import { mdn } from '../../src/layers/mdn.js'
import { prelu } from '../../src/layers/prelu.js'
import { serial } from '../../src/layers/serial.js'
import { crossEntropy } from '../../src/losses/crossEntropy.js'
import { mdnNll } from '../../src/losses/mdnNll.js'
import { mse } from '../../src/losses/mse.js'
import { penalty } from '../../src/losses/regularization.js'
import { key, splitN, uniform } from '../../src/tensor/random.js'
import { probeNet } from '../support/gradcheck.js'

const f64 = (t: { shape: readonly number[]; data: Float32Array }) => ({ shape: t.shape, data: Float64Array.from(t.data) })

/** Symbolic vs numeric gradients of mse(model(x)) for every parameter, with inputs kept off kinks. */
const check = (model: Layer, inputs: number, loss = mse, targets = 0) => {
  const net = compileNet(model, loss, { inputs, penalty: penalty({ l1: 0.01, l2: 0.1 }) })
  const [kp, kx, ky] = splitN(key(5), 3)
  const params = net.init(kp)
  const x = f64(uniform(kx, [4, inputs], -1, 1))
  const y = f64(uniform(ky, [4, targets || net.targets], 0, 1))
  return probeNet(net, x, y, net.params.map((p) => f64(params[p.name])))
}

describe('layers: gradients of every parameter against float64 finite differences', () => {
  it.each<[string, Layer, number]>([
    ['dense', serial(dense({ units: 3 })), 2],
    ['dense without bias', serial(dense({ units: 3, bias: false })), 2],
    ['dense → relu → dense', serial(dense({ units: 5, biasInit: 0.1 }), relu(), dense({ units: 2 })), 3],
    ['dense → abs → dense', serial(dense({ units: 5 }), abs(), dense({ units: 2 })), 3],
    ['dense → leaky-relu → dense', serial(dense({ units: 5 }), leakyRelu(), dense({ units: 2 })), 3],
    ['dense → prelu → dense', serial(dense({ units: 5 }), prelu(), dense({ units: 2 })), 3],
    ['dense → maxout(3) → dense', serial(dense({ units: 6 }), maxout({ k: 3 }), dense({ units: 2 })), 3],
    ['dense → sigmoid → dense', serial(dense({ units: 4 }), sigmoid(), dense({ units: 1 })), 3],
    ['dense → tanh → dense → linear', serial(dense({ units: 4 }), tanh(), dense({ units: 1 }), linear()), 3],
  ])('%s', (_, model, inputs) => {
    const { symbolic, numeric } = check(model, inputs)

    symbolic.forEach((s, i) => expect(s).toBeCloseToArray(numeric[i], 1e-6))
  })

  it('softmax with cross-entropy', () => {
    const { symbolic, numeric } = check(serial(dense({ units: 4 }), tanh(), dense({ units: 3 }), softmax()), 2, crossEntropy)

    symbolic.forEach((s, i) => expect(s).toBeCloseToArray(numeric[i], 1e-6))
  })

  it('mdn head with mdn-nll', () => {
    const { symbolic, numeric } = check(serial(dense({ units: 6 }), tanh(), dense({ units: 2 * (2 * 2 + 1) }), mdn({ components: 2 })), 2, mdnNll)

    symbolic.forEach((s, i) => expect(s).toBeCloseToArray(numeric[i], 1e-6))
  })
})

describe('parameters', () => {
  it('are named and shaped as torch.nn.Sequential names them', () => {
    const net = compileNet(serial(dense({ units: 4 }), prelu(), dense({ units: 1 })), mse, { inputs: 3 })

    expect(net.params.map((p) => [p.name, p.shape, p.regularized])).toEqual([
      ['0.weight', [4, 3], true],
      ['0.bias', [4], false],
      ['1.weight', [4], false],
      ['2.weight', [1, 4], true],
      ['2.bias', [1], false],
    ])
  })

  it("start as torch draws them: U(±1/√fanIn) for dense, 0.25 for prelu, a constant bias when asked", () => {
    const net = compileNet(serial(dense({ units: 64 }), prelu(), dense({ units: 8, biasInit: 0.1 })), mse, { inputs: 16 })

    const p = net.init(key(1))

    const w = Array.from(p['0.weight'].data)
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(0.25)
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.24)
    expect(Math.abs(w.reduce((a, b) => a + b) / w.length)).toBeLessThan(0.02)
    expect(Array.from(p['1.weight'].data)).toEqual(new Array(64).fill(0.25))
    expect(Array.from(p['2.bias'].data)).toEqual(new Array(8).fill(Math.fround(0.1)))
  })

  it('are a function of the seed alone', () => {
    const net = compileNet(serial(dense({ units: 5 }), relu(), dense({ units: 2 })), mse, { inputs: 3 })

    expect(net.init(key(7))).toEqual(net.init(key(7)))
    expect(net.init(key(8))['0.weight']).not.toEqual(net.init(key(7))['0.weight'])
  })
})
