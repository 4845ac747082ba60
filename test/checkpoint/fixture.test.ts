import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { matchShapes } from '../../src/checkpoint/match.js'
import { decodeSafetensors } from '../../src/checkpoint/safetensors/decode.js'
import { encodeSafetensors } from '../../src/checkpoint/safetensors/encode.js'
import type { Params } from '../../src/tensor/params.js'
import { tensor } from '../../src/tensor/tensor.js'
import { bits } from './files.js'

interface Recorded {
  readonly metadata: { readonly [key: string]: string }
  readonly tensors: { readonly [name: string]: { readonly shape: number[]; readonly values: number[] } }
  readonly input: number[][]
  readonly output: number[]
  readonly ours: { readonly missing_keys: string[]; readonly unexpected_keys: string[]; readonly output: number[] }
}

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/checkpoint/${name}`, import.meta.url))
const recorded = JSON.parse(fixture('reference.json').toString('utf8')) as Recorded
const referenceBytes = new Uint8Array(fixture('reference.safetensors'))
const oursBytes = new Uint8Array(fixture('ours.safetensors'))
const recordedParams: Params = Object.fromEntries(Object.entries(recorded.tensors).map(([n, t]) => [n, tensor(t.shape, t.values)]))

/** Sequential(Linear(2,3), ReLU(), Linear(3,1)) on one input row, in float64: y = W2·relu(W1·x + b1) + b2. */
const forward = (p: Params, x: readonly number[]): number => {
  const [w1, b1, w2, b2] = [p['0.weight'].data, p['0.bias'].data, p['2.weight'].data, p['2.bias'].data]
  const h = [0, 1, 2].map((i) => Math.max(0, w1[2 * i] * x[0] + w1[2 * i + 1] * x[1] + b1[i]))
  return h.reduce((s, hi, i) => s + w2[i] * hi, b2[0])
}

describe('fixtures/checkpoint: torch 1.13 Sequential(Linear(2,3), ReLU(), Linear(3,1)) after manual_seed(0)', () => {
  it('decodes the reference-written file to exactly the recorded values', () => {
    const decoded = decodeSafetensors(referenceBytes)

    if (decoded._tag === 'Left') throw new Error(decoded.left)
    expect(decoded.right.metadata).toEqual(recorded.metadata)
    expect(Object.keys(decoded.right.tensors).sort()).toEqual(Object.keys(recorded.tensors).sort())
    for (const [name, t] of Object.entries(recordedParams)) {
      expect(decoded.right.tensors[name].shape).toEqual(t.shape)
      expect(bits(decoded.right.tensors[name].data)).toEqual(bits(t.data))
    }
  })

  it('encodes the same tensors to bytes identical to the reference file', () => {
    expect(encodeSafetensors(recordedParams, recorded.metadata)).toEqual(referenceBytes)
  })

  it('still writes the ours.safetensors that torch loaded', () => {
    expect(encodeSafetensors(recordedParams, recorded.metadata)).toEqual(oursBytes)
  })

  it('was loaded by torch with strict=True, giving the reference model output exactly', () => {
    expect(recorded.ours.missing_keys).toEqual([])
    expect(recorded.ours.unexpected_keys).toEqual([])
    expect(recorded.ours.output).toEqual(recorded.output)
  })

  it('has the layout the CONTRACT names: dense at index i is {i}.weight [units, fanIn] and {i}.bias [units]', () => {
    const decoded = decodeSafetensors(oursBytes)
    if (decoded._tag === 'Left') throw new Error(decoded.left)

    const matched = matchShapes(decoded.right.tensors, { '0.weight': [3, 2], '0.bias': [3], '2.weight': [1, 3], '2.bias': [1] })

    expect(matched._tag).toBe('Right')
    if (matched._tag === 'Right') {
      expect(recorded.input.map((x) => forward(matched.right, x))).toBeCloseToArray(recorded.output, 1e-6)
    }
  })
})
