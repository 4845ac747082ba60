import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeSafetensors } from '../../src/checkpoint/safetensors/decode.js'
import { encodeSafetensors } from '../../src/checkpoint/safetensors/encode.js'
import type { Safetensors } from '../../src/checkpoint/safetensors/format.js'
import type { Params } from '../../src/tensor/params.js'
import { tensor } from '../../src/tensor/tensor.js'
import { bits, f32, file } from './files.js'

/** Decoded tensors as plain data compared bit for bit: shapes, float32 bit patterns, metadata. */
const plain = (s: Safetensors) => ({
  tensors: Object.fromEntries(Object.entries(s.tensors).map(([n, t]) => [n, { shape: t.shape, bits: bits(t.data) }])),
  metadata: s.metadata,
})

const roundTrip = (params: Params, metadata?: { [key: string]: string }) => {
  const decoded = decodeSafetensors(encodeSafetensors(params, metadata))
  if (decoded._tag === 'Left') throw new Error(decoded.left)
  return decoded.right
}

describe('encode then decode', () => {
  it('keeps every float32 bit for bit: ±0, subnormals, extremes, ±Infinity', () => {
    const special = [0, -0, 1e-45, -1e-45, 1.1754942e-38, 1.17549435e-38, 3.4028235e38, -3.4028235e38, Infinity, -Infinity, 1 / 3, Math.PI]
    const params = { '0.weight': tensor([3, 4], special) }

    expect(plain(roundTrip(params))).toEqual(plain({ tensors: params, metadata: {} }))
  })

  it('keeps NaN (and, copying bytes, even its payload)', () => {
    const nan = new Float32Array(new Uint32Array([0x7fc00000, 0xffc00001]).buffer)

    expect(bits(roundTrip({ n: tensor([2], nan) }).tensors.n.data)).toEqual([0x7fc00000, 0xffc00001])
  })

  it('keeps empty tensors and shape [] scalars', () => {
    const params = { e0: tensor([0]), e1: tensor([3, 0]), e2: tensor([0, 5]), s: tensor([], [-2.5]), one: tensor([1], [7]) }

    const decoded = roundTrip(params)

    expect(plain(decoded)).toEqual(plain({ tensors: params, metadata: {} }))
    expect(decoded.tensors.s.shape).toEqual([])
  })

  it('keeps metadata, empty strings and non-ASCII included', () => {
    const metadata = { format: 'pt', empty: '', note: 'ünïcødé ✓ 😀', json: '{"step":3,"rng":[1,2]}', '': 'unnamed' }

    expect(roundTrip({}, metadata).metadata).toEqual(metadata)
  })

  it('reads tensors listed in any order, and ignores unknown fields in an entry as the reference reader does', () => {
    const data = new Uint8Array(new Float32Array([1, 2, 3]).buffer)
    const bytes = file({ b: f32([1], 8, 12), a: { ...f32([2], 0, 8), note: 'x' } }, data)

    const decoded = decodeSafetensors(bytes)

    expect(decoded._tag === 'Right' && plain(decoded.right)).toEqual({
      tensors: { a: { shape: [2], bits: bits(new Float32Array([1, 2])) }, b: { shape: [1], bits: bits(new Float32Array([3])) } },
      metadata: {},
    })
  })

  it('accepts zero-size tensors sharing an offset, and a header not padded to 8 bytes', () => {
    const bytes = file({ a: f32([0], 0, 0), b: f32([2, 0], 0, 0), c: f32([], 0, 4) }, new Uint8Array(4))

    expect(decodeSafetensors(bytes)._tag).toBe('Right')
  })

  it('copies the tensors out of the file, so changing the file later changes nothing', () => {
    const bytes = encodeSafetensors({ w: tensor([1], [1]) })
    const decoded = decodeSafetensors(bytes)

    bytes.fill(0xff, bytes.length - 4)

    expect(decoded._tag === 'Right' && decoded.right.tensors.w.data[0]).toBe(1)
  })

  it('round-trips any tensors and metadata (property)', () => {
    const name = fc.string({ unit: 'grapheme', maxLength: 8 }).filter((n) => n !== '__metadata__')
    const shape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 })
    const aTensor = shape.chain((s) =>
      fc.array(fc.float(), { minLength: s.reduce((a, b) => a * b, 1), maxLength: s.reduce((a, b) => a * b, 1) }).map((v) => tensor(s, v)),
    )
    const params = fc.dictionary(name, aTensor, { maxKeys: 5 })
    const metadata = fc.option(fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'grapheme' }), { maxKeys: 3 }), { nil: undefined })

    fc.assert(
      fc.property(params, metadata, (p, m) => {
        const once = encodeSafetensors(p, m)
        const decoded = roundTrip(p, m)

        expect(plain(decoded)).toEqual(plain({ tensors: p, metadata: m ?? {} }))
        expect(encodeSafetensors(decoded.tensors, m)).toEqual(once)
      }),
    )
  })
})
