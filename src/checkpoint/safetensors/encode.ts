/**
 * Params and string metadata to safetensors bytes, little-endian F32. The bytes are a function of
 * the input alone: tensors are laid out by name in code-point order (the reference writer's order
 * when every tensor has one dtype), `__metadata__` comes first with its keys in the same order,
 * the JSON is compact, and spaces pad the header to an 8-byte boundary.
 */
import type { Params } from '../../tensor/params.js'
import { showShape, sizeOf } from '../../tensor/shape.js'
import { F32_BYTES, HEADER_ALIGNMENT, LENGTH_BYTES, METADATA_KEY, byCodePoint, isWellFormed } from './format.js'
import { writeF32LE } from './f32.js'

/** The bytes of a safetensors file holding `tensors` (and `metadata`, when given, even if empty). */
export const encodeSafetensors = (tensors: Params, metadata?: { readonly [key: string]: string }): Uint8Array => {
  const names = Object.keys(tensors).sort(byCodePoint)
  const offsets: number[] = []
  let end = 0
  const entries = names.map((name) => {
    checkTensor(name, tensors)
    const begin = end
    end += tensors[name].data.length * F32_BYTES
    offsets.push(begin)
    const info = { dtype: 'F32', shape: tensors[name].shape, data_offsets: [begin, end] }
    return `${JSON.stringify(name)}:${JSON.stringify(info)}`
  })
  // Built as text, not as an object for JSON.stringify: objects put integer-like keys ("10") first.
  const fields = metadata === undefined ? entries : [`"${METADATA_KEY}":${metadataJson(metadata)}`, ...entries]
  const json = `{${fields.join(',')}}`
  const header = new TextEncoder().encode(json)
  const padded = header.length + ((HEADER_ALIGNMENT - (header.length % HEADER_ALIGNMENT)) % HEADER_ALIGNMENT)

  const out = new Uint8Array(LENGTH_BYTES + padded + end)
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true)
  out.set(header, LENGTH_BYTES)
  out.fill(0x20, LENGTH_BYTES + header.length, LENGTH_BYTES + padded)
  names.forEach((name, i) => writeF32LE(tensors[name].data, out, LENGTH_BYTES + padded + offsets[i]))
  return out
}

/** Throws unless tensor `name` can be written as it claims to be; a bad one is a programmer error. */
const checkTensor = (name: string, tensors: Params): void => {
  const { shape, data } = tensors[name]
  if (name === METADATA_KEY) throw new RangeError(`encodeSafetensors: ${METADATA_KEY} is reserved and cannot name a tensor`)
  if (!isWellFormed(name)) throw new RangeError(`encodeSafetensors: tensor name ${JSON.stringify(name)} is not valid Unicode`)
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new RangeError(`encodeSafetensors: ${name} has shape ${showShape(shape)}; dimensions must be non-negative integers`)
  }
  if (sizeOf(shape) !== data.length) {
    throw new RangeError(`encodeSafetensors: ${name} has shape ${showShape(shape)} but ${data.length} values`)
  }
}

/** `{"key":"value",...}` with keys in code-point order, so equal metadata gives equal bytes. */
const metadataJson = (metadata: { readonly [key: string]: string }): string => {
  const keys = Object.keys(metadata).sort(byCodePoint)
  for (const k of keys) {
    const v: unknown = metadata[k]
    if (typeof v !== 'string') throw new TypeError(`encodeSafetensors: metadata ${k} must be a string, got ${typeof v}`)
    if (!isWellFormed(k) || !isWellFormed(v)) throw new RangeError(`encodeSafetensors: metadata ${JSON.stringify(k)} is not valid Unicode`)
  }
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(metadata[k])}`).join(',')}}`
}
