import { describe, expect, it } from 'vitest'
import { grad } from '../../src/graph/grad.js'
import { compileNet } from '../../src/graph/net.js'
import { compile64 } from '../../src/graph/plan.js'
import { builder } from '../../src/graph/builder.js'
import { dense } from '../../src/layers/dense.js'
import { serial } from '../../src/layers/serial.js'
import { mse } from '../../src/losses/mse.js'
import { key, splitN, uniform } from '../../src/tensor/random.js'
import { fromRows } from '../../src/tensor/tensor.js'
import { descend } from '../support/descend.js'
import { probeGradients, probeNet, randomInput } from '../support/gradcheck.js'
import { swish, swishOp } from './swish.js'

const f64 = (t: { shape: readonly number[]; data: Float32Array }) => ({ shape: t.shape, data: Float64Array.from(t.data) })

describe('a user-defined op (swish) through the public API', () => {
  it('its vjp matches finite differences', () => {
    const [k0, k1] = splitN(key(1), 2)

    const { symbolic, numeric } = probeGradients((g, [x]) => g.apply(swishOp, [x]), [randomInput(k0, [3, 4], -3, 3)], k1)

    expect(symbolic[0]).toBeCloseToArray(numeric[0], 1e-7)
  })

  it('differentiates twice: swish″(x) = σ′(x)(2 + x(1 − 2σ(x)))', () => {
    const g = builder()
    const x = g.input('x', [1, 3])
    const [dx] = grad(g, g.sumAll(g.apply(swishOp, [x])), [x])
    const [ddx] = grad(g, g.sumAll(dx), [x])
    const xs = [-1.5, 0.2, 2]
    const sig = (v: number) => 1 / (1 + Math.exp(-v))

    const out = compile64([ddx], [x]).run([{ shape: [1, 3], data: Float64Array.from(xs) }])[0].data

    expect(out).toBeCloseToArray(xs.map((v) => sig(v) * (1 - sig(v)) * (2 + v * (1 - 2 * sig(v)))), 1e-12)
  })

  it('as a layer: gradients of a net using it match finite differences, and it trains', () => {
    const net = compileNet(serial(dense({ units: 6 }), swish(), dense({ units: 1 })), mse, { inputs: 2 })
    const [kp, kx, ky] = splitN(key(2), 3)
    const params = net.init(kp)
    const { symbolic, numeric } = probeNet(
      net,
      f64(uniform(kx, [5, 2], -1, 1)),
      f64(uniform(ky, [5, 1], -1, 1)),
      net.params.map((p) => f64(params[p.name])),
    )
    symbolic.forEach((s, i) => expect(s).toBeCloseToArray(numeric[i], 1e-6))

    const x = fromRows([[0, 0], [0, 1], [1, 0], [1, 1]])
    const y = fromRows([[0], [1], [1], [0]])
    const { losses } = descend(net, params, x, y, 0.2, 1500)

    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 10)
  })
})
