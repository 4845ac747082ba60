import { describe, expect, it } from 'vitest'
import { hostIsLittleEndian, readF32LE, writeF32LE } from '../../src/checkpoint/safetensors/f32.js'
import { bits } from './files.js'

const values = new Float32Array([1, -0, 0, 1.5, -2.25, Infinity, -Infinity, 1e-45, -1.17549421e-38, 3.4028235e38, NaN])

/** The little-endian bytes of `values` as DataView writes them: the format's definition. */
const littleEndian = (xs: Float32Array): Uint8Array => {
  const out = new Uint8Array(4 * xs.length)
  xs.forEach((v, i) => new DataView(out.buffer).setFloat32(4 * i, v, true))
  return out
}

/** Each 4-byte word with its bytes in the opposite order. */
const reversedWords = (bytes: Uint8Array): Uint8Array => bytes.map((_, i) => bytes[i - (i % 4) + 3 - (i % 4)])

describe('float32 <-> little-endian bytes', () => {
  it('knows this host is little-endian (x86 and arm64 are)', () => {
    expect(hostIsLittleEndian).toBe(true)
  })

  it.each([true, false])('writes little-endian bytes when the host is little-endian: %s', (little) => {
    // Seen from a little-endian host, a big-endian host's floats are stored byte-reversed.
    const native = little ? values : new Float32Array(reversedWords(littleEndian(values)).buffer)
    const out = new Uint8Array(4 + 4 * values.length)

    writeF32LE(native, out, 4, little)

    expect(out.subarray(4)).toEqual(littleEndian(values))
  })

  it.each([true, false])('reads back what it wrote, bit for bit, when the host is little-endian: %s', (little) => {
    const out = new Uint8Array(4 * values.length)
    writeF32LE(values, out, 0, little)

    expect(bits(readF32LE(out, little))).toEqual(bits(values))
  })

  it('keeps NaN payloads, because it copies bytes rather than numbers', () => {
    const payloads = new Float32Array(new Uint32Array([0x7fc00001, 0xffa00000, 0x7f800001]).buffer)
    const out = new Uint8Array(12)

    writeF32LE(payloads, out, 0)

    expect(bits(readF32LE(out))).toEqual([0x7fc00001, 0xffa00000, 0x7f800001])
  })

  it('reads from a view at an odd offset into a fresh, aligned array', () => {
    const bytes = new Uint8Array(1 + 8)
    bytes.set(littleEndian(new Float32Array([1, 2])), 1)

    const read = readF32LE(bytes.subarray(1))

    expect(Array.from(read)).toEqual([1, 2])
    expect(read.buffer).not.toBe(bytes.buffer)
  })
})
