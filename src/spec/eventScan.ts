/**
 * The fast path of event decoding: a scanner for the common line, `{"x":[numbers],"y":numbers or
 * number}`, that builds the sample without JSON.parse or io-ts. It never rejects: on anything
 * unusual (other keys, escapes, duplicates, strings, bad numbers, wrong lengths, an invalid class,
 * a character outside ASCII) it answers undefined and the codec decides, so both paths accept,
 * reject and decode alike.
 *
 * It reads the line's bytes (see asciiBytes.ts for why), with `i` both a byte and a character
 * index; the line itself serves only Number() in the rare paths.
 */
import { asciiBytes } from './asciiBytes.js'
import { APPROXIMABLE_DIGITS, type Cursor, POW10, cursor, doubleAt, float32At, readNumber } from './eventNumber.js'
import { isClassIndex, isClassVector, oneHot } from './eventTargets.js'
import type { Sample } from './records.js'
import type { EventShape } from './widths.js'

const QUOTE = 0x22
const COMMA = 0x2c
const MINUS = 0x2d
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39
const COLON = 0x3a
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const SPACE = 0x20
// A module-local copy: V8 re-checks an imported binding at every use in the hot loop.
const pow10: readonly number[] = [...POW10]

/** Whether `c` is JSON white space (space, tab, LF, CR). */
const isWs = (c: number): boolean => c === SPACE || c === 0x09 || c === 0x0a || c === 0x0d

/** The first index from `i` that is not white space (the NUL after the line stops it). */
const skipWs = (b: Uint8Array, i: number): number => {
  while (isWs(b[i])) i++
  return i
}

/** The same, inline for the common case of none: all JSON white space is at or below U+0020, nothing else that may follow is. */
const past = (b: Uint8Array, i: number): number => (b[i] <= SPACE ? skipWs(b, i) : i)

/**
 * Reads one number at `i` into `out[k]`, as Math.fround of JSON.parse's double, and answers the
 * index just past it, or -1 when it is not a number or not finite as a float32.
 *
 * The common number (a sign, at most 22 fraction digits, no exponent, a mantissa below 2^53:
 * `0`, `1`, `-0.149`, `0.1234`) is read here. Its mantissa accumulates exactly, and one division
 * by an exact power of ten gives the correctly rounded double (Clinger's fast path), which is
 * JSON.parse's double; the Float32Array store then rounds it as Math.fround does. The value the
 * contract asks for is fround of that double, not the decimal rounded straight to float32, so
 * the two roundings are intended. A longer mantissa goes to `storeApproximate`, every other
 * spelling is read again by `readNumber`.
 */
const readEntry = (b: Uint8Array, s: string, i: number, out: Float32Array, k: number, at: Cursor): number => {
  const start = i
  let c = b[i]
  const negative = c === MINUS
  if (negative) c = b[++i]
  const integerStart = i
  let mantissa = c - ZERO
  if (mantissa === 0) c = b[++i]
  else if (mantissa > 0 && mantissa <= 9) {
    for (c = b[++i]; c >= ZERO && c <= NINE; c = b[++i]) mantissa = mantissa * 10 + (c - ZERO)
  } else return -1
  let fraction = 0
  if (c === DOT) {
    const fractionStart = ++i
    for (c = b[i]; c >= ZERO && c <= NINE; c = b[++i]) mantissa = mantissa * 10 + (c - ZERO)
    fraction = i - fractionStart
    if (fraction === 0) return -1 // `1.`
  }
  if (fraction <= 22 && (c | 0x20) !== 0x65) {
    const magnitude = fraction === 0 ? mantissa : mantissa / pow10[fraction]
    // 2^53 as a literal: V8 then drops the test for mantissas it knows to be small integers.
    if (mantissa < 9007199254740992) {
      out[k] = negative ? -magnitude : magnitude
      return i
    }
    const digits = i - integerStart - (fraction > 0 ? 1 : 0)
    if (digits <= APPROXIMABLE_DIGITS) return storeApproximate(s, start, i, negative ? -magnitude : magnitude, out, k, at)
  }
  at.i = start
  return readNumber(b, s, at) ? store(float32At(s, at), at.i, out, k) : -1
}

/**
 * Stores a number of 16 to 23 digits (the 17 that JSON.stringify and Python write) from the
 * approximation readNumber would compute, so float32At may decide from it (see there).
 */
const storeApproximate = (s: string, start: number, end: number, value: number, out: Float32Array, k: number, at: Cursor): number => {
  at.start = start
  at.i = end
  at.value = value
  at.exact = false
  return store(float32At(s, at), end, out, k)
}

/** Stores `f` and answers `end`, or -1 when `f` is Infinity or NaN (in double or after rounding to float32). */
const store = (f: number, end: number, out: Float32Array, k: number): number => {
  if (f - f !== 0) return -1
  out[k] = f
  return end
}

/** Reads `[n numbers]` whose `[` is at `i` into `out` (fresh, so zeros); the index past its `]`, or -1 on any other length or a bad entry. */
const readArray = (b: Uint8Array, s: string, i: number, out: Float32Array, at: Cursor): number => {
  const n = out.length
  i = past(b, i + 1)
  let c = b[i]
  if (c === CLOSE_ARRAY) return n === 0 ? i + 1 : -1
  for (let k = 0; k < n; k++) {
    // Most pixels of an image are `0,`: `out` holds +0 already, and a comma says another entry follows.
    if (c === ZERO && b[i + 1] === COMMA) {
      i = past(b, i + 2)
      c = b[i]
      continue
    }
    i = readEntry(b, s, i, out, k, at)
    if (i < 0) return -1
    i = past(b, i)
    c = b[i]
    if (c !== COMMA) return c === CLOSE_ARRAY && k === n - 1 ? i + 1 : -1
    i = past(b, i + 1)
    c = b[i]
  }
  return -1 // more numbers than `out` holds
}

/** Reads the value of `y` at `at.i`, leaving `at.i` past it: a vector, a class index, or a bare number for one target. */
const readTarget = (b: Uint8Array, s: string, at: Cursor, { targets, classes }: EventShape): Float32Array | undefined => {
  if (b[at.i] === OPEN_ARRAY) {
    const y = new Float32Array(targets)
    at.i = readArray(b, s, at.i, y, at)
    return at.i >= 0 && (!classes || isClassVector(y)) ? y : undefined
  }
  if (!classes) {
    if (targets !== 1) return undefined
    const y = new Float32Array(1)
    at.i = readEntry(b, s, at.i, y, 0, at)
    return at.i >= 0 ? y : undefined
  }
  if (!readNumber(b, s, at)) return undefined
  const v = doubleAt(s, at)
  return isClassIndex(v, targets) ? oneHot(v, targets) : undefined
}

/** The sample of a plain `{"x": [...], "y": ...}` line (no line break), or undefined to let the codec decide. */
export const scanEvent = (line: string, shape: EventShape): Sample | undefined => {
  const b = asciiBytes(line)
  if (b === undefined) return undefined
  const at = cursor()
  let i = past(b, 0)
  if (b[i] !== OPEN_OBJECT) return undefined
  i = past(b, i + 1)
  let x: Float32Array | undefined
  let y: Float32Array | undefined
  for (;;) {
    if (b[i] !== QUOTE || b[i + 2] !== QUOTE) return undefined
    const key = b[i + 1]
    i = past(b, i + 3)
    if (b[i] !== COLON) return undefined
    i = past(b, i + 1)
    if (key === 0x78 && x === undefined) {
      if (b[i] !== OPEN_ARRAY) return undefined
      x = new Float32Array(shape.inputs)
      i = readArray(b, line, i, x, at)
    } else if (key === 0x79 && y === undefined) {
      at.i = i
      y = readTarget(b, line, at, shape)
      if (y === undefined) return undefined
      i = at.i
    } else return undefined // another field, or a repeated one: JSON.parse knows which wins
    if (i < 0) return undefined
    i = past(b, i)
    const c = b[i]
    i = past(b, i + 1)
    if (c === CLOSE_OBJECT) break
    if (c !== COMMA) return undefined
  }
  return i === line.length && x !== undefined && y !== undefined ? { x, y } : undefined
}
