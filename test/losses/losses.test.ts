import { describe, expect, it } from 'vitest'
import type { Layer } from '../../src/graph/layer.js'
import type { Loss } from '../../src/graph/loss.js'
import { compileNet } from '../../src/graph/net.js'
import { linear, sigmoid, softmax } from '../../src/layers/activations.js'
import { mdn } from '../../src/layers/mdn.js'
import { serial } from '../../src/layers/serial.js'
import { binaryCrossEntropy } from '../../src/losses/binaryCrossEntropy.js'
import { crossEntropy } from '../../src/losses/crossEntropy.js'
import { gaussianNll } from '../../src/losses/gaussianNll.js'
import { mae } from '../../src/losses/mae.js'
import { mdnNll } from '../../src/losses/mdnNll.js'
import { mse } from '../../src/losses/mse.js'
import { penalty } from '../../src/losses/regularization.js'
import { dense } from '../../src/layers/dense.js'
import { fromRows, isFiniteTensor, tensor } from '../../src/tensor/tensor.js'
import { key, splitN, uniform } from '../../src/tensor/random.js'
import { probeNet } from '../support/gradcheck.js'

/** A parameter-free model (the output unit alone) so the loss sees x directly. */
const lossOf = (head: Layer, loss: Loss, x: number[][], y: number[][]) => {
  const net = compileNet(serial(head), loss, { inputs: x[0].length })
  const fwd = net.forward(fromRows(x), fromRows(y), {})
  return { net, fwd, value: fwd.loss }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length
const sig = (v: number) => 1 / (1 + Math.exp(-v))
const soft = (z: number[]) => {
  const e = z.map(Math.exp)
  const s = e.reduce((a, b) => a + b)
  return e.map((v) => v / s)
}

describe('costs, as CONTRACT.md defines them, against closed forms', () => {
  const yhat = [
    [0.5, -1],
    [2, 0.25],
  ]
  const y = [
    [1, -0.5],
    [1.5, 1],
  ]

  it('mse: mean over examples of Σ_j (y_j − ŷ_j)²', () => {
    expect(lossOf(linear(), mse, yhat, y).value).toBeCloseTo(mean([0.25 + 0.25, 0.25 + 0.5625]), 6)
  })

  it('mae: mean over examples of Σ_j |y_j − ŷ_j|', () => {
    expect(lossOf(linear(), mae, yhat, y).value).toBeCloseTo(mean([0.5 + 0.5, 0.5 + 0.75]), 6)
  })

  it('binary cross-entropy from a sigmoid', () => {
    const z = [
      [0.3, -2],
      [1.5, 0],
    ]
    const t = [
      [1, 0],
      [0.25, 1],
    ]
    const per = z.map((row, i) => -row.reduce((s, v, j) => s + t[i][j] * Math.log(sig(v)) + (1 - t[i][j]) * Math.log(1 - sig(v)), 0))

    expect(lossOf(sigmoid(), binaryCrossEntropy, z, t).value).toBeCloseTo(mean(per), 6)
  })

  it('cross-entropy from a softmax, one-hot and probability targets', () => {
    const z = [
      [1, 2, 0.5],
      [-1, 0, 3],
    ]
    const t = [
      [0, 1, 0],
      [0.2, 0.3, 0.5],
    ]
    const per = z.map((row, i) => -soft(row).reduce((s, p, c) => s + t[i][c] * Math.log(p), 0))

    expect(lossOf(softmax(), crossEntropy, z, t).value).toBeCloseTo(mean(per), 6)
  })

  it('gaussian-nll over [μ, log σ²]: Σ_j ½(log σ_j² + (y_j − μ_j)²/σ_j²)', () => {
    const out = [[0.5, -1, 0.2, 0.7]]
    const t = [[1, 0]]
    const per = [0, 1].map((j) => 0.5 * (out[0][2 + j] + (t[0][j] - out[0][j]) ** 2 / Math.exp(out[0][2 + j])))

    expect(lossOf(linear(), gaussianNll, out, t).value).toBeCloseTo(per[0] + per[1], 6)
  })

  it('mdn-nll: −ln Σ_k π_k N(y; μ_k, diag σ_k²) with the (2π)^(−D/2) factor', () => {
    // K = 2, D = 1: z = [logit0, logit1, μ0, μ1, log σ0, log σ1]
    const z = [0.2, -0.4, 1, -1, -0.5, 0.3]
    const t = 0.4
    const pi = soft([z[0], z[1]])
    const density = (mu: number, logSigma: number) =>
      Math.exp(-0.5 * ((t - mu) / Math.exp(logSigma)) ** 2) / (Math.sqrt(2 * Math.PI) * Math.exp(logSigma))

    const { value } = lossOf(mdn({ components: 2 }), mdnNll, [z], [[t]])

    expect(value).toBeCloseTo(-Math.log(pi[0] * density(z[2], z[4]) + pi[1] * density(z[3], z[5])), 6)
  })

  it('the mdn head outputs [π, μ, σ]', () => {
    const z = [0.2, -0.4, 1, -1, -0.5, 0.3]

    const out = lossOf(mdn({ components: 2 }), mdnNll, [z], [[0]]).fwd.yhat

    expect(out.data).toBeCloseToArray([...soft([0.2, -0.4]), 1, -1, Math.exp(-0.5), Math.exp(0.3)], 1e-6)
  })

  it('L1 and L2 penalize dense weights only: J = L + l2·½·Σ‖W‖² + l1·Σ|W|', () => {
    const net = compileNet(serial(dense({ units: 1 })), mse, { inputs: 2, penalty: penalty({ l1: 0.3, l2: 0.5 }) })
    const params = { '0.weight': tensor([1, 2], [2, -1]), '0.bias': tensor([1], [10]) }
    const x = fromRows([[0, 0]])
    const y = fromRows([[10]])

    const grads = net.backward(net.forward(x, y, params), x, y, params)

    // The data loss is 0 here, so the gradient is the penalty's: l2·W + l1·sign(W), and none on the bias.
    expect(grads['0.weight'].data).toBeCloseToArray([0.5 * 2 + 0.3, 0.5 * -1 - 0.3], 1e-6)
    expect(Array.from(grads['0.bias'].data)).toEqual([0])
  })
})

describe('fused output units stay finite for logits of ±1e4', () => {
  it('softmax + cross-entropy: loss and gradient p − y', () => {
    const net = compileNet(serial(dense({ units: 3, bias: false }), softmax()), crossEntropy, { inputs: 3 })
    const params = { '0.weight': tensor([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]) }
    const x = fromRows([
      [1e4, -1e4, 0],
      [-1e4, 1e4, 1e4],
    ])
    const y = fromRows([
      [0, 1, 0],
      [1, 0, 0],
    ])

    const fwd = net.forward(x, y, params)
    const grads = net.backward(fwd, x, y, params)

    expect(fwd.loss).toBeCloseTo((2e4 + (2e4 + Math.log(2))) / 2, 1)
    expect(isFiniteTensor(grads['0.weight'])).toBe(true)
    // dL/dz = (p − y)/batch; p = [1, 0, 0] and [0, ½, ½]
    const dz = [
      [0.5, -0.5, 0],
      [-0.5, 0.25, 0.25],
    ]
    const expected = [0, 1, 2].flatMap((c) => [0, 1, 2].map((j) => dz[0][c] * x.data[j] + dz[1][c] * x.data[3 + j]))
    expect(grads['0.weight'].data).toBeCloseToArray(expected, 1e-6)
  })

  it('sigmoid + binary cross-entropy: loss and gradient σ(z) − y', () => {
    const net = compileNet(serial(dense({ units: 1, bias: false }), sigmoid()), binaryCrossEntropy, { inputs: 1 })
    const params = { '0.weight': tensor([1, 1], [1]) }
    const x = fromRows([[1e4], [-1e4]])
    const y = fromRows([[0], [0]])

    const fwd = net.forward(x, y, params)
    const grads = net.backward(fwd, x, y, params)

    expect(fwd.loss).toBeCloseTo(1e4 / 2, 2)
    expect(grads['0.weight'].data[0]).toBeCloseTo((1 * 1e4 + 0 * -1e4) / 2, 2)
  })
})

describe('every cost: gradient against float64 finite differences', () => {
  const cases: [string, Layer, Loss, number][] = [
    ['mse', serial(dense({ units: 3 }), linear()), mse, 2],
    ['mae', serial(dense({ units: 3 }), linear()), mae, 2],
    ['binary-cross-entropy (fused with sigmoid)', serial(dense({ units: 2 }), sigmoid()), binaryCrossEntropy, 2],
    ['cross-entropy (fused with softmax)', serial(dense({ units: 3 }), softmax()), crossEntropy, 2],
    ['gaussian-nll', serial(dense({ units: 4 }), linear()), gaussianNll, 2],
    ['mdn-nll', serial(dense({ units: 2 * (2 * 2 + 1) }), mdn({ components: 2 })), mdnNll, 2],
  ]
  it.each(cases)('%s', (_, model, loss, inputs) => {
    const net = compileNet(model, loss, { inputs })
    const [kp, kx, ky] = splitN(key(13), 3)
    const params = net.init(kp)
    const f64 = (t: { shape: readonly number[]; data: Float32Array }) => ({ shape: t.shape, data: Float64Array.from(t.data) })
    // Targets in [0.1, 0.9] suit every cost (probabilities for the cross-entropies; mae stays off its kink).
    const y = f64(uniform(ky, [5, net.targets], 0.1, 0.9))

    const { symbolic, numeric } = probeNet(net, f64(uniform(kx, [5, inputs], -1, 1)), y, net.params.map((p) => f64(params[p.name])))

    symbolic.forEach((s, i) => expect(s).toBeCloseToArray(numeric[i], 1e-6))
  })
})
