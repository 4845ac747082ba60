import { describe, expect, it } from 'vitest'
import { compileNet } from '../../src/graph/net.js'
import { relu } from '../../src/layers/activations.js'
import { dense } from '../../src/layers/dense.js'
import { serial } from '../../src/layers/serial.js'
import { mse } from '../../src/losses/mse.js'
import { key } from '../../src/tensor/random.js'
import { fromRows, tensor } from '../../src/tensor/tensor.js'
import { descend } from '../support/descend.js'

const X = fromRows([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
])
const Y = fromRows([[0], [1], [1], [0]])

describe("the lecture's XOR", () => {
  it('the slide network (W = [[1,1],[1,1]], c = [0,−1], relu, w = [1,−2], b = 0) outputs exactly 0, 1, 1, 0', () => {
    const net = compileNet(serial(dense({ units: 2 }), relu(), dense({ units: 1 })), mse, { inputs: 2 })
    // torch layout: weight [units, fanIn] holds Wᵀ (W is symmetric here) and wᵀ.
    const params = {
      '0.weight': tensor([2, 2], [1, 1, 1, 1]),
      '0.bias': tensor([2], [0, -1]),
      '2.weight': tensor([1, 2], [1, -2]),
      '2.bias': tensor([1], [0]),
    }

    const out = net.predict(X, params)

    expect(Array.from(out.data)).toEqual([0, 1, 1, 0])
    expect(net.evaluate(X, Y, params).loss).toBe(0)
  })

  it('a linear model trained by gradient descent ends at MSE 0.25, outputting 0.5 everywhere', () => {
    const net = compileNet(serial(dense({ units: 1 })), mse, { inputs: 2 })

    const { params, losses } = descend(net, net.init(key(0)), X, Y, 0.2, 3000)

    expect(losses[losses.length - 1]).toBeCloseTo(0.25, 6)
    Array.from(net.predict(X, params).data).forEach((v) => expect(v).toBeCloseTo(0.5, 3))
    Array.from(params['0.weight'].data).forEach((w) => expect(Math.abs(w)).toBeLessThan(1e-3))
  })

  it('a small ReLU network trained from a seeded init classifies all four points', () => {
    const net = compileNet(serial(dense({ units: 8, biasInit: 0.1 }), relu(), dense({ units: 1 })), mse, { inputs: 2 })

    const { params, losses } = descend(net, net.init(key(0)), X, Y, 0.1, 2000)

    const out = Array.from(net.predict(X, params).data)
    expect(out.map((v) => (v > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0])
    expect(losses[losses.length - 1]).toBeLessThan(0.01)
  })
})
