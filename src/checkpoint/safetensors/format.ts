/**
 * Facts of the safetensors format that the encoder and the decoder share: the 8-byte header
 * length, the header size limit, the reserved metadata key, and the order tensors are laid out in.
 */
import type { Params } from '../../tensor/params.js'

/** Bytes of the little-endian u64 that starts every file and gives the header's length. */
export const LENGTH_BYTES = 8

/** The header is padded with spaces to a multiple of this, so the data buffer starts aligned. */
export const HEADER_ALIGNMENT = 8

/** The reference reader refuses headers above 100 MB; so do we, before decoding any of it. */
export const MAX_HEADER_BYTES = 100_000_000

/** Bytes per value of the one dtype we read and write. */
export const F32_BYTES = 4

/** The header key that holds free-form string-to-string metadata instead of a tensor. */
export const METADATA_KEY = '__metadata__'

/** A file's content: named float32 tensors plus its string metadata. */
export interface Safetensors {
  readonly tensors: Params
  readonly metadata: { readonly [key: string]: string }
}

/**
 * Orders names by code point, which is the UTF-8 byte order the reference writer sorts by;
 * JavaScript's `<` compares UTF-16 units and disagrees above U+FFFF.
 */
export const byCodePoint = (a: string, b: string): number => {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) ?? 0
    const cb = b.codePointAt(j) ?? 0
    if (ca !== cb) return ca - cb
    i += ca > 0xffff ? 2 : 1
    j += cb > 0xffff ? 2 : 1
  }
  return (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0)
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Whether `s` has no lone surrogate, i.e. is valid Unicode that UTF-8 can carry unchanged. */
export const isWellFormed = (s: string): boolean => !loneSurrogate.test(s)
