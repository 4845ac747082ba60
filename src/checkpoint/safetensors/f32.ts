/**
 * Float32 values to and from little-endian bytes, bit for bit (NaN payloads included), whatever
 * the host's byte order. Copying raw bytes rather than going through numbers is what keeps NaN
 * payloads: a float32 read into a JavaScript number and written back may be canonicalised.
 */

/** Whether this machine stores the bytes of a float32 least significant first. */
export const hostIsLittleEndian: boolean = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/** Writes `data` as little-endian float32 bytes into `out` from `offset`; `little` is the host order. */
export const writeF32LE = (data: Float32Array, out: Uint8Array, offset: number, little = hostIsLittleEndian): void => {
  const src = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (little) {
    out.set(src, offset)
    return
  }
  for (let i = 0; i < src.length; i += 4) {
    out[offset + i] = src[i + 3]
    out[offset + i + 1] = src[i + 2]
    out[offset + i + 2] = src[i + 1]
    out[offset + i + 3] = src[i]
  }
}

/** A fresh Float32Array from little-endian float32 bytes (a multiple of 4); `little` is the host order. */
export const readF32LE = (bytes: Uint8Array, little = hostIsLittleEndian): Float32Array => {
  if (bytes.length % 4 !== 0) throw new RangeError(`readF32LE: ${bytes.length} bytes is not a whole number of float32s`)
  const copy = new Uint8Array(bytes.length)
  if (little) {
    copy.set(bytes)
  } else {
    for (let i = 0; i < bytes.length; i += 4) {
      copy[i] = bytes[i + 3]
      copy[i + 1] = bytes[i + 2]
      copy[i + 2] = bytes[i + 1]
      copy[i + 3] = bytes[i]
    }
  }
  return new Float32Array(copy.buffer)
}
