/**
 * Reads and validates a safetensors header without touching the data buffer. Every check runs
 * before the decoder allocates anything the size of the data, so a file that claims a huge
 * header or huge tensors costs no more memory than the file itself. Problems come back as one
 * line naming the tensor, because a checkpoint is user input.
 */
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Shape } from '../../tensor/shape.js'
import { F32_BYTES, LENGTH_BYTES, MAX_HEADER_BYTES, METADATA_KEY } from './format.js'
import { showKind, showName, showValue } from './show.js'

/** Where one tensor's bytes lie in the data buffer, which starts right after the header. */
export interface Entry {
  readonly name: string
  readonly shape: Shape
  readonly begin: number
  readonly end: number
}

/** A validated header: entries in data-buffer order, the metadata, and where the data starts. */
export interface Header {
  readonly entries: readonly Entry[]
  readonly metadata: { readonly [key: string]: string }
  readonly dataStart: number
}

/** The header of `bytes`, or the first problem found in it, as one line. */
export const readHeader = (bytes: Uint8Array): Either<string, Header> => {
  if (bytes.length < LENGTH_BYTES) {
    return left(`file is ${bytes.length} bytes, too short for the 8-byte header length`)
  }
  // Compared as a bigint: a u64 above 2^53 would lose precision as a number.
  const claimed = new DataView(bytes.buffer, bytes.byteOffset, LENGTH_BYTES).getBigUint64(0, true)
  if (claimed > BigInt(MAX_HEADER_BYTES)) {
    return left(`header length ${claimed} exceeds the limit of ${MAX_HEADER_BYTES} bytes`)
  }
  const after = bytes.length - LENGTH_BYTES
  if (claimed > BigInt(after)) {
    return left(`header length ${claimed} runs past the end of the file (${after} bytes follow the length)`)
  }
  const dataStart = LENGTH_BYTES + Number(claimed)
  const parsed = parseJson(bytes.subarray(LENGTH_BYTES, dataStart))
  if (parsed._tag === 'Left') return parsed
  const json = parsed.right
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return left(`header is not a JSON object, got ${showKind(json)}`)
  }
  const fields = json as { readonly [key: string]: unknown }
  const metadata = readMetadata(fields[METADATA_KEY])
  if (metadata._tag === 'Left') return metadata

  const bufferBytes = bytes.length - dataStart
  const entries: Entry[] = []
  for (const name of Object.keys(fields)) {
    if (name === METADATA_KEY) continue
    const entry = readEntry(name, fields[name], bufferBytes)
    if (entry._tag === 'Left') return entry
    entries.push(entry.right)
  }
  const layout = checkLayout(entries, bufferBytes)
  return layout._tag === 'Left' ? layout : right({ entries: layout.right, metadata: metadata.right, dataStart })
}

/** The header text as JSON; strict UTF-8, as the format requires (no replacement characters). */
const parseJson = (header: Uint8Array): Either<string, unknown> => {
  let text: string
  try {
    // ignoreBOM keeps a byte-order mark in the text, where JSON.parse rejects it as the reference reader does.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(header)
  } catch {
    return left('header is not valid UTF-8')
  }
  try {
    return right(JSON.parse(text) as unknown)
  } catch {
    // The engine's own message is left out: it differs between Node versions.
    return left('header is not valid JSON')
  }
}

/** `__metadata__`: absent, or an object whose every value is a string. */
const readMetadata = (value: unknown): Either<string, { readonly [key: string]: string }> => {
  if (value === undefined) return right({})
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return left(`${METADATA_KEY}: expected an object of strings, got ${showValue(value)}`)
  }
  const fields = value as { readonly [key: string]: unknown }
  for (const key of Object.keys(fields)) {
    if (typeof fields[key] !== 'string') {
      return left(`${METADATA_KEY}.${showName(key)}: expected a string, got ${showValue(fields[key])}`)
    }
  }
  return right(fields as { readonly [key: string]: string })
}

/** One tensor's entry: dtype F32, a shape of non-negative integers, offsets that hold it exactly. */
const readEntry = (name: string, value: unknown, bufferBytes: number): Either<string, Entry> => {
  const shown = showName(name)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return left(`${shown}: expected an object with dtype, shape and data_offsets, got ${showValue(value)}`)
  }
  const { dtype, shape, data_offsets: offsets } = value as { readonly [key: string]: unknown }
  for (const [field, v] of [['dtype', dtype], ['shape', shape], ['data_offsets', offsets]] as const) {
    if (v === undefined) return left(`${shown}: missing ${field}`)
  }
  if (dtype !== 'F32') return left(`${shown}: expected dtype F32, got ${showValue(dtype)}`)
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    return left(`${shown}: expected shape to be a list of non-negative integers, got ${showValue(shape)}`)
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    return left(`${shown}: expected data_offsets to be [begin, end] with integers 0 ≤ begin ≤ end, got ${showValue(offsets)}`)
  }
  const [begin, end] = offsets as [number, number]
  const dims = shape as number[]
  const needed = byteSize(dims)
  if (needed !== end - begin) {
    const need = needed === undefined ? `more than ${Number.MAX_SAFE_INTEGER} bytes` : `${needed} bytes`
    return left(`${shown}: shape ${showValue(dims)} needs ${need} but data_offsets [${begin},${end}] hold ${end - begin}`)
  }
  if (end > bufferBytes) {
    return left(`${shown}: data_offsets [${begin},${end}] run past the end of the ${bufferBytes}-byte data buffer (is the file truncated?)`)
  }
  return right({ name, shape: dims, begin, end })
}

/** Whether `v` is an integer usable as a size or an offset: non-negative and exact as a double. */
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

/** 4·Π shape, or undefined past 2^53, where doubles stop being exact (no such tensor fits a file). */
const byteSize = (shape: readonly number[]): number | undefined => {
  if (shape.includes(0)) return 0
  let n = F32_BYTES
  for (const d of shape) {
    n *= d
    // Every product up to here was exact; one past 2^53 can only grow, so stopping early is safe.
    if (n > Number.MAX_SAFE_INTEGER) return undefined
  }
  return n
}

/**
 * Tensors sorted by offset must tile the data buffer exactly: the reference reader rejects
 * overlaps, gaps and trailing bytes, so that a file can never be larger than what it holds.
 */
const checkLayout = (entries: readonly Entry[], bufferBytes: number): Either<string, readonly Entry[]> => {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end)
  let covered = 0
  for (let i = 0; i < sorted.length; i++) {
    const { name, begin, end } = sorted[i]
    if (begin < covered) {
      const prev = sorted[i - 1]
      return left(`${showName(name)}: data_offsets [${begin},${end}] overlap ${showName(prev.name)}'s [${prev.begin},${prev.end}]`)
    }
    if (begin > covered) {
      return left(`${showName(name)}: data_offsets [${begin},${end}] leave bytes ${covered}..${begin} unused (tensors must be contiguous)`)
    }
    covered = end
  }
  if (covered < bufferBytes) {
    return left(`data buffer has ${bufferBytes - covered} bytes after the last tensor (tensors cover ${covered} of ${bufferBytes})`)
  }
  return right(sorted)
}
