import { isRight } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeTrainingState, encodeTrainingState } from '../../src/checkpoint/training.js'
import { decodeSafetensors } from '../../src/checkpoint/safetensors/decode.js'
import { encodeSafetensors } from '../../src/checkpoint/safetensors/encode.js'
import { compileNet } from '../../src/graph/net.js'
import { dense } from '../../src/layers/dense.js'
import { serial } from '../../src/layers/serial.js'
import { mse } from '../../src/losses/mse.js'
import { adam } from '../../src/optim/adam.js'
import { applyUpdates } from '../../src/tensor/params.js'
import { key } from '../../src/tensor/random.js'
import { fromRows } from '../../src/tensor/tensor.js'
import { gain } from './gain.js'
import { swish } from './swish.js'

describe("a user's own op and layer train and checkpoint like the built-ins", () => {
  it('trains a net using them with adam, and its parameters and optimizer state round-trip through safetensors', () => {
    const net = compileNet(serial(dense({ units: 6 }), swish(), gain(), dense({ units: 1 })), mse, { inputs: 2 })
    const tx = adam({ learningRate: 0.05 })
    const x = fromRows([[0, 0], [0, 1], [1, 0], [1, 1]])
    const y = fromRows([[0], [1], [1], [0]])
    let params = net.init(key(3))
    let state = tx.init(params)
    const first = net.evaluate(x, y, params).loss
    for (let i = 0; i < 300; i++) {
      const grads = net.backward(net.forward(x, y, params), x, y, params)
      const [updates, next] = tx.update(grads, state, params)
      params = applyUpdates(params, updates)
      state = next
    }

    expect(net.params.map((p) => p.name)).toEqual(['0.weight', '0.bias', '2.weight', '3.weight', '3.bias'])
    expect(net.evaluate(x, y, params).loss).toBeLessThan(first / 20)
    const decoded = decodeSafetensors(encodeSafetensors(params))
    expect(isRight(decoded) && decoded.right.tensors).toEqual(params)
    const record = { step: 300, epoch: 0, batches: 300, position: null, tally: { events: 4, trained: 4, deadLettered: 0, skipped: 0 }, seed: 3, refused: 0 }
    const bytes = encodeTrainingState({ params, slots: tx.slots(state), record })
    const back = decodeTrainingState(bytes, Object.fromEntries(Object.entries(params).map(([n, t]) => [n, t.shape])))
    expect(isRight(back)).toBe(true)
    if (isRight(back)) {
      expect(back.right.params).toEqual(params)
      expect(tx.restore(back.right.slots, back.right.params)).toEqual(state)
      expect(Object.keys(back.right.slots.tensors)).toContain('2.weight.exp_avg')
    }
  })
})
