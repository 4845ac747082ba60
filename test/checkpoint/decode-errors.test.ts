import { isLeft, left } from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeSafetensors } from '../../src/checkpoint/safetensors/decode.js'
import { encodeSafetensors } from '../../src/checkpoint/safetensors/encode.js'
import { tensor } from '../../src/tensor/tensor.js'
import { f32, file, raw } from './files.js'

const utf8 = (s: string) => new TextEncoder().encode(s)
const withBytes = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)))
const twoTensors = encodeSafetensors({ a: tensor([2], [1, 2]), b: tensor([3], [3, 4, 5]) })

const cases: readonly (readonly [string, Uint8Array, string])[] = [
  // the 8-byte length and the header's bounds
  ['an empty file', new Uint8Array(0), 'file is 0 bytes, too short for the 8-byte header length'],
  ['a file shorter than the length', new Uint8Array(5), 'file is 5 bytes, too short for the 8-byte header length'],
  ['a 16-byte file claiming a 2^50-byte header', file('{}      ', 0, 2n ** 50n), 'header length 1125899906842624 exceeds the limit of 100000000 bytes'],
  ['the largest u64 as header length', file('{}      ', 0, 2n ** 64n - 1n), 'header length 18446744073709551615 exceeds the limit of 100000000 bytes'],
  ['a header length just over the limit', file('{}      ', 0, 100_000_001n), 'header length 100000001 exceeds the limit of 100000000 bytes'],
  ['a header cut short', file('{}      ', 0, 16n), 'header length 16 runs past the end of the file (8 bytes follow the length)'],
  // the header's text
  ['invalid UTF-8', raw(withBytes(utf8('{"a'), [0xff], utf8('":1}'))), 'header is not valid UTF-8'],
  ['a lone surrogate encoded in UTF-8', raw(withBytes(utf8('{"'), [0xed, 0xa0, 0x80], utf8('":1}'))), 'header is not valid UTF-8'],
  ['a byte-order mark', raw(withBytes([0xef, 0xbb, 0xbf], utf8('{}'))), 'header is not valid JSON'],
  ['broken JSON', file('{"a":'), 'header is not valid JSON'],
  ['an empty header', file(''), 'header is not valid JSON'],
  ['an array', file('[]'), 'header is not a JSON object, got an array'],
  ['null', file('null'), 'header is not a JSON object, got null'],
  ['a number', file('8'), 'header is not a JSON object, got a number'],
  ['a string', file('"F32"'), 'header is not a JSON object, got a string'],
  // __metadata__
  ['metadata that is a list', file({ __metadata__: [1] }), '__metadata__: expected an object of strings, got [1]'],
  ['metadata that is a string', file({ __metadata__: 'pt' }), '__metadata__: expected an object of strings, got "pt"'],
  ['a number in metadata', file({ __metadata__: { format: 'pt', step: 3 } }), '__metadata__.step: expected a string, got 3'],
  ['null in metadata', file({ __metadata__: { rng: null } }), '__metadata__.rng: expected a string, got null'],
  // one tensor's entry
  ['an entry that is a number', file({ w: 3 }), 'w: expected an object with dtype, shape and data_offsets, got 3'],
  ['an entry that is a list', file({ w: [] }), 'w: expected an object with dtype, shape and data_offsets, got []'],
  ['a missing dtype', file({ w: { shape: [], data_offsets: [0, 4] } }, 4), 'w: missing dtype'],
  ['a missing shape', file({ w: { dtype: 'F32', data_offsets: [0, 4] } }, 4), 'w: missing shape'],
  ['missing data_offsets', file({ w: { dtype: 'F32', shape: [] } }, 4), 'w: missing data_offsets'],
  ['offsets under the README\'s old name', file({ w: { dtype: 'F32', shape: [], offsets: [0, 4] } }, 4), 'w: missing data_offsets'],
  ['dtype F16', file({ '0.weight': { ...f32([2], 0, 4), dtype: 'F16' } }, 4), '0.weight: expected dtype F32, got "F16"'],
  ['dtype F64', file({ '0.bias': { ...f32([1], 0, 8), dtype: 'F64' } }, 8), '0.bias: expected dtype F32, got "F64"'],
  ['lower-case f32', file({ w: { ...f32([1], 0, 4), dtype: 'f32' } }, 4), 'w: expected dtype F32, got "f32"'],
  ['a dtype that is not a string', file({ w: { ...f32([1], 0, 4), dtype: 32 } }, 4), 'w: expected dtype F32, got 32'],
  ['a shape that is not a list', file({ w: f32('2' as unknown as [], 0, 8) }, 8), 'w: expected shape to be a list of non-negative integers, got "2"'],
  ['a negative dimension', file({ w: f32([-1, 2], 0, 8) }, 8), 'w: expected shape to be a list of non-negative integers, got [-1,2]'],
  ['a fractional dimension', file({ w: f32([1.5], 0, 8) }, 8), 'w: expected shape to be a list of non-negative integers, got [1.5]'],
  ['a dimension past 2^53', file({ w: f32([2 ** 60], 0, 8) }, 8), 'w: expected shape to be a list of non-negative integers, got [1152921504606847000]'],
  ['a dimension given as a string', file({ w: f32(['2'], 0, 8) }, 8), 'w: expected shape to be a list of non-negative integers, got ["2"]'],
  ['one offset', file({ w: { ...f32([1], 0, 4), data_offsets: [0] } }, 4), 'w: expected data_offsets to be [begin, end] with integers 0 ≤ begin ≤ end, got [0]'],
  ['three offsets', file({ w: { ...f32([1], 0, 4), data_offsets: [0, 4, 8] } }, 8), 'w: expected data_offsets to be [begin, end] with integers 0 ≤ begin ≤ end, got [0,4,8]'],
  ['offsets that end before they begin', file({ w: f32([0], 4, 0) }, 4), 'w: expected data_offsets to be [begin, end] with integers 0 ≤ begin ≤ end, got [4,0]'],
  ['a negative offset', file({ w: f32([1], -4, 0) }, 4), 'w: expected data_offsets to be [begin, end] with integers 0 ≤ begin ≤ end, got [-4,0]'],
  ['an offset given as a string', file({ w: { ...f32([1], 0, 4), data_offsets: [0, '4'] } }, 4), 'w: expected data_offsets to be [begin, end] with integers 0 ≤ begin ≤ end, got [0,"4"]'],
  ['offsets given as an object', file({ w: { ...f32([1], 0, 4), data_offsets: { begin: 0 } } }, 4), 'w: expected data_offsets to be [begin, end] with integers 0 ≤ begin ≤ end, got {"begin":0}'],
  ['a size that does not match the shape', file({ '0.weight': f32([2, 3], 0, 20) }, 20), '0.weight: shape [2,3] needs 24 bytes but data_offsets [0,20] hold 20'],
  ['a scalar given no bytes', file({ s: f32([], 0, 0) }), 's: shape [] needs 4 bytes but data_offsets [0,0] hold 0'],
  ['an empty tensor given bytes', file({ e: f32([3, 0], 0, 4) }, 4), 'e: shape [3,0] needs 0 bytes but data_offsets [0,4] hold 4'],
  ['a shape of 2^80 values', file({ w: f32([2 ** 40, 2 ** 40], 0, 4) }, 4), 'w: shape [1099511627776,1099511627776] needs more than 9007199254740991 bytes but data_offsets [0,4] hold 4'],
  ['offsets past the data buffer', file({ w: f32([2], 0, 8) }, 4), 'w: data_offsets [0,8] run past the end of the 4-byte data buffer (is the file truncated?)'],
  ['huge offsets on an empty tensor', file({ w: f32([0], 2 ** 50, 2 ** 50) }), 'w: data_offsets [1125899906842624,1125899906842624] run past the end of the 0-byte data buffer (is the file truncated?)'],
  ['a truncated file', twoTensors.subarray(0, twoTensors.length - 3), 'b: data_offsets [8,20] run past the end of the 17-byte data buffer (is the file truncated?)'],
  // how the tensors tile the data buffer
  ['overlapping tensors', file({ a: f32([2], 0, 8), b: f32([2], 4, 12) }, 12), "b: data_offsets [4,12] overlap a's [0,8]"],
  ['a tensor inside another', file({ a: f32([3], 0, 12), b: f32([1], 4, 8) }, 12), "b: data_offsets [4,8] overlap a's [0,12]"],
  ['an empty tensor inside another', file({ a: f32([2], 0, 8), e: f32([0], 4, 4) }, 8), "e: data_offsets [4,4] overlap a's [0,8]"],
  ['two tensors at one place', file({ a: f32([2], 0, 8), b: f32([2], 0, 8) }, 8), "b: data_offsets [0,8] overlap a's [0,8]"],
  ['a gap before the first tensor', file({ a: f32([1], 4, 8) }, 8), 'a: data_offsets [4,8] leave bytes 0..4 unused (tensors must be contiguous)'],
  ['a gap between tensors', file({ a: f32([1], 0, 4), b: f32([1], 8, 12) }, 12), 'b: data_offsets [8,12] leave bytes 4..8 unused (tensors must be contiguous)'],
  ['trailing bytes', file({ a: f32([2], 0, 8) }, 12), 'data buffer has 4 bytes after the last tensor (tensors cover 8 of 12)'],
  ['bytes but no tensors', file({}, 3), 'data buffer has 3 bytes after the last tensor (tensors cover 0 of 3)'],
  // how names and values are shown
  ['a bad entry under a name with a newline', file({ 'a\nb': f32([1], 0, 2) }, 2), '"a\\nb": shape [1] needs 4 bytes but data_offsets [0,2] hold 2'],
  ['a bad entry under the empty name', file({ '': 7 }), '"": expected an object with dtype, shape and data_offsets, got 7'],
  ['a long value', file({ w: f32(Array.from({ length: 40 }, () => 1), 0, 8) }, 8), `w: shape [${'1,'.repeat(29)}1… needs 4 bytes but data_offsets [0,8] hold 8`],
]

describe('decodeSafetensors refuses a malformed file with one line naming the problem', () => {
  it.each(cases)('%s', (_, bytes, message) => {
    const decoded = decodeSafetensors(bytes)

    expect(decoded).toEqual(left(message))
    expect(message).not.toContain('\n')
  })

  it('answers a 16-byte file claiming a 2^50-byte header without allocating it', () => {
    const before = process.memoryUsage().arrayBuffers
    const bytes = file('{}      ', 0, 2n ** 50n)

    const decoded = decodeSafetensors(bytes)

    expect(isLeft(decoded)).toBe(true)
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20)
  })

  it('answers a header whose offsets fit its shape but not the file without allocating them', () => {
    const header = { w: f32([2 ** 20, 2 ** 20], 0, 2 ** 42) }
    const before = process.memoryUsage().arrayBuffers

    const decoded = decodeSafetensors(file(header, 4))

    expect(decoded).toEqual(left('w: data_offsets [0,4398046511104] run past the end of the 4-byte data buffer (is the file truncated?)'))
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20)
  })
})
