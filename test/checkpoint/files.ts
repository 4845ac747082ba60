/** Builds safetensors files by hand, including broken ones, for the decoder's tests. */

/** 8-byte length + `header` (a string as is, anything else as JSON) + `data`; `length` overrides the stored length. */
export const file = (header: unknown, data: Uint8Array | number = 0, length?: bigint): Uint8Array => {
  const text = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header))
  return raw(text, typeof data === 'number' ? new Uint8Array(data) : data, length)
}

/** 8-byte length + header bytes as given (e.g. invalid UTF-8) + data. */
export const raw = (header: Uint8Array, data: Uint8Array = new Uint8Array(0), length?: bigint): Uint8Array => {
  const out = new Uint8Array(8 + header.length + data.length)
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(header.length), true)
  out.set(header, 8)
  out.set(data, 8 + header.length)
  return out
}

/** A header entry for an F32 tensor. */
export const f32 = (shape: readonly unknown[], begin: number, end: number) => ({ dtype: 'F32', shape, data_offsets: [begin, end] })

/** The bits of each float32, so -0 ≠ 0 and NaN = NaN when compared. */
export const bits = (data: Float32Array): number[] => Array.from(new Uint32Array(data.slice().buffer))
