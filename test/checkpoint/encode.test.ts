import { describe, expect, it } from 'vitest'
import { encodeSafetensors } from '../../src/checkpoint/safetensors/encode.js'
import type { Params } from '../../src/tensor/params.js'
import { tensor } from '../../src/tensor/tensor.js'

/** The expected file: length, header text padded with `pad` spaces, then float32 values little-endian. */
const expectedFile = (header: string, pad: number, values: readonly number[]): Uint8Array => {
  const text = new TextEncoder().encode(header + ' '.repeat(pad))
  const out = new Uint8Array(8 + text.length + 4 * values.length)
  const view = new DataView(out.buffer)
  view.setBigUint64(0, BigInt(text.length), true)
  out.set(text, 8)
  values.forEach((v, i) => view.setFloat32(8 + text.length + 4 * i, v, true))
  return out
}

const headerOf = (bytes: Uint8Array): string => {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true))
  return new TextDecoder().decode(bytes.subarray(8, 8 + n))
}

describe('encodeSafetensors', () => {
  // The next four files are the ones the reference implementation's own tests pin, byte for byte.
  it('writes one tensor as the reference writer does, a 64-byte header needing no padding', () => {
    const bytes = encodeSafetensors({ 'attn.0': tensor([1, 2, 3], [0, 1, 2, 3, 4, 5]) })

    expect(bytes).toEqual(expectedFile('{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}', 0, [0, 1, 2, 3, 4, 5]))
  })

  it('pads a 65-byte header with 7 spaces so the data starts on an 8-byte boundary', () => {
    const bytes = encodeSafetensors({ attn0: tensor([1, 1, 2, 3], [0, 1, 2, 3, 4, 5]) })

    expect(bytes).toEqual(expectedFile('{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}', 7, [0, 1, 2, 3, 4, 5]))
    expect(bytes.length).toBe(8 + 72 + 24)
  })

  it('writes no tensors as {} and six spaces', () => {
    expect(encodeSafetensors({})).toEqual(expectedFile('{}', 6, []))
  })

  it('writes metadata under __metadata__', () => {
    expect(encodeSafetensors({}, { framework: 'pt' })).toEqual(expectedFile('{"__metadata__":{"framework":"pt"}}', 5, []))
  })

  it('lays tensors out by name in code-point order, metadata first with sorted keys', () => {
    const t = tensor([1], [1])
    const params: Params = { b: t, '10': t, '9': t, a: t, '\u{ff5e}': t, '\u{1f600}': t }

    const header = headerOf(encodeSafetensors(params, { z: '1', a: '2' }))

    // "10" before "9" (objects would put integer-like keys first), U+FF5E before U+1F600 (UTF-16 order would not)
    expect(header.trimEnd()).toBe(
      '{"__metadata__":{"a":"2","z":"1"},"10":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},' +
        '"9":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},' +
        '"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]},"\u{ff5e}":{"dtype":"F32","shape":[1],"data_offsets":[16,20]},' +
        '"\u{1f600}":{"dtype":"F32","shape":[1],"data_offsets":[20,24]}}',
    )
  })

  it('gives the same bytes for the same tensors and metadata, whatever order they were built in', () => {
    const w = tensor([2, 2], [1, 2, 3, 4])
    const b = tensor([2], [5, 6])

    const one = encodeSafetensors({ '0.weight': w, '0.bias': b }, { step: '3', epoch: '1' })
    const two = encodeSafetensors({ '0.bias': b, '0.weight': w }, { epoch: '1', step: '3' })

    expect(two).toEqual(one)
  })

  it('escapes names and metadata as JSON and writes other characters as UTF-8', () => {
    const header = headerOf(encodeSafetensors({ 'a"\\\n\u0001é': tensor([], [1]) }, { note: 'tab\there' }))

    expect(header.trimEnd()).toBe('{"__metadata__":{"note":"tab\\there"},"a\\"\\\\\\n\\u0001é":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}')
  })

  it('writes a tensor that is a view into a larger buffer from its own offset', () => {
    const backing = new Float32Array([9, 9, 1, 2, 9])

    const bytes = encodeSafetensors({ v: tensor([2], backing.subarray(2, 4)) })

    expect(bytes).toEqual(encodeSafetensors({ v: tensor([2], [1, 2]) }))
  })

  it.each([
    ['a tensor named __metadata__', { __metadata__: tensor([1], [1]) }, 'encodeSafetensors: __metadata__ is reserved and cannot name a tensor'],
    ['a name with a lone surrogate', { ['a\ud800']: tensor([1], [1]) }, 'encodeSafetensors: tensor name "a\\ud800" is not valid Unicode'],
    ['a shape that does not fit the data', { w: { shape: [2, 2], data: new Float32Array(3) } }, 'encodeSafetensors: w has shape [2,2] but 3 values'],
    ['a negative dimension', { w: { shape: [-1], data: new Float32Array(0) } }, 'encodeSafetensors: w has shape [batch]; dimensions must be non-negative integers'],
  ] as const)('throws for %s', (_, params, message) => {
    expect(() => encodeSafetensors(params)).toThrow(message)
  })

  it('throws for metadata that is not a string', () => {
    const metadata = { step: 3 } as unknown as { [key: string]: string }

    expect(() => encodeSafetensors({}, metadata)).toThrow('encodeSafetensors: metadata step must be a string, got number')
  })
})
