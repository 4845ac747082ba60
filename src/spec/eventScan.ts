/**
 * The fast path of event decoding: a scanner for the common line, `{"x":[numbers],"y":numbers or
 * number}`, that builds the sample without JSON.parse or io-ts. It never rejects: on anything
 * unusual (other keys, escapes, duplicates, strings, bad numbers, wrong lengths, an invalid class)
 * it answers undefined and the codec decides, so both paths accept, reject and decode alike.
 */
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

/** Exact powers of ten as doubles (10^22 is the largest); literals, since 10 ** k may round. */
const POW10 = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
]
const EXACT = 2 ** 53

/** Where the scan is and the last number read (`start` its first character); one per call, never shared. */
interface Cursor {
  i: number
  start: number
  value: number
  /** Whether `value` is JSON.parse's double; otherwise it is within a relative 2^-48 of it. */
  exact: boolean
}

const skipWs = (s: string, i: number): number => {
  for (;;) {
    const c = s.charCodeAt(i)
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i
    i++
  }
}

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE

/** Digits that 10^15 < 2^53 holds exactly; each further digit may round (twice: × 10 and + d). */
const EXACT_DIGITS = 15
/** More rounded digits than this and the approximation's error bound no longer holds. */
const MAX_INEXACT_DIGITS = 8

/**
 * Reads a JSON number at `at.i`; false when the grammar breaks. With a mantissa below 2^53 and
 * |exponent| ≤ 22, one IEEE multiply or divide of two exact doubles is correctly rounded
 * (Clinger's fast path), so `value` is exact. Up to 8 digits past the 15th (the 17-digit numbers
 * that JSON.stringify and Python write) add at most 17 roundings: `value` is then within a
 * relative 2^-48, good enough for float32 (see `float32At`). Anything else goes to Number().
 */
const readNumber = (s: string, at: Cursor): boolean => {
  const start = at.i
  let i = start
  const negative = s.charCodeAt(i) === MINUS
  if (negative) i++
  const integerStart = i
  let mantissa = 0
  let c = s.charCodeAt(i)
  if (c === ZERO) c = s.charCodeAt(++i)
  else if (isDigit(c)) {
    do {
      mantissa = mantissa * 10 + (c - ZERO)
      c = s.charCodeAt(++i)
    } while (isDigit(c))
  } else return false
  let digits = i - integerStart
  let exponent = 0
  if (c === DOT) {
    const fractionStart = ++i
    c = s.charCodeAt(i)
    while (isDigit(c)) {
      mantissa = mantissa * 10 + (c - ZERO)
      c = s.charCodeAt(++i)
    }
    if (i === fractionStart) return false
    digits += i - fractionStart
    exponent = fractionStart - i
  }
  if ((c | 0x20) === 0x65) {
    c = s.charCodeAt(++i)
    const sign = c === MINUS ? -1 : 1
    if (c === MINUS || c === 0x2b) c = s.charCodeAt(++i)
    if (!isDigit(c)) return false
    let e = 0
    do {
      e = e * 10 + (c - ZERO)
      c = s.charCodeAt(++i)
    } while (isDigit(c))
    exponent += sign * e
  }
  at.start = start
  at.i = i
  // A digit that rounded left the mantissa ≥ 2^53 for good, so below it every digit was exact.
  const exact = mantissa < EXACT
  if ((exact || digits - EXACT_DIGITS <= MAX_INEXACT_DIGITS) && exponent >= -22 && exponent <= 22) {
    const magnitude = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent]
    at.value = negative ? -magnitude : magnitude
    at.exact = exact
  } else {
    at.value = Number(s.slice(start, i))
    at.exact = true
  }
  return true
}

/** JSON.parse's double for the number just read. */
const doubleAt = (s: string, at: Cursor): number => (at.exact ? at.value : Number(s.slice(at.start, at.i)))

/**
 * Math.fround of JSON.parse's double for the number just read. An approximate value decides it
 * when the whole interval it may be off by rounds to one float32 (rounding is monotone); only a
 * number within 2^-46 of a float32 midpoint needs Number().
 */
const float32At = (s: string, at: Cursor): number => {
  if (at.exact) return Math.fround(at.value)
  const err = Math.abs(at.value) * 2 ** -46
  const lo = Math.fround(at.value - err)
  return lo === Math.fround(at.value + err) ? lo : Math.fround(Number(s.slice(at.start, at.i)))
}

/** Reads `[n numbers]` at `at.i` into `out`; false on any other length, a non-number, or a float32 overflow. */
const readArray = (s: string, at: Cursor, out: Float32Array): boolean => {
  at.i = skipWs(s, at.i + 1)
  if (s.charCodeAt(at.i) === CLOSE_ARRAY) {
    at.i++
    return out.length === 0
  }
  for (let k = 0; ; k++) {
    if (k >= out.length || !readNumber(s, at)) return false
    const f = float32At(s, at)
    if (f - f !== 0) return false // Infinity or NaN, in double or after rounding to float32
    out[k] = f
    at.i = skipWs(s, at.i)
    const c = s.charCodeAt(at.i)
    at.i = skipWs(s, at.i + 1)
    if (c === CLOSE_ARRAY) return k === out.length - 1
    if (c !== COMMA) return false
  }
}

/** Reads the value of `y` at `at.i`: a vector, a class index, or a bare number for one target. */
const readTarget = (s: string, at: Cursor, { targets, classes }: EventShape): Float32Array | undefined => {
  if (s.charCodeAt(at.i) === OPEN_ARRAY) {
    const y = new Float32Array(targets)
    return readArray(s, at, y) && (!classes || isClassVector(y)) ? y : undefined
  }
  if (!readNumber(s, at)) return undefined
  if (classes) {
    const v = doubleAt(s, at)
    return isClassIndex(v, targets) ? oneHot(v, targets) : undefined
  }
  const f = float32At(s, at)
  return targets === 1 && f - f === 0 ? Float32Array.of(f) : undefined
}

/** The sample of a plain `{"x": [...], "y": ...}` line (no line break), or undefined to let the codec decide. */
export const scanEvent = (line: string, shape: EventShape): Sample | undefined => {
  const at: Cursor = { i: skipWs(line, 0), start: 0, value: 0, exact: true }
  if (line.charCodeAt(at.i) !== OPEN_OBJECT) return undefined
  at.i = skipWs(line, at.i + 1)
  let x: Float32Array | undefined
  let y: Float32Array | undefined
  for (;;) {
    const i = at.i
    if (line.charCodeAt(i) !== QUOTE || line.charCodeAt(i + 2) !== QUOTE) return undefined
    const key = line.charCodeAt(i + 1)
    at.i = skipWs(line, i + 3)
    if (line.charCodeAt(at.i) !== COLON) return undefined
    at.i = skipWs(line, at.i + 1)
    if (key === 0x78 && x === undefined) {
      x = new Float32Array(shape.inputs)
      if (line.charCodeAt(at.i) !== OPEN_ARRAY || !readArray(line, at, x)) return undefined
    } else if (key === 0x79 && y === undefined) {
      y = readTarget(line, at, shape)
      if (y === undefined) return undefined
    } else return undefined // another field, or a repeated one: JSON.parse knows which wins
    at.i = skipWs(line, at.i)
    const c = line.charCodeAt(at.i)
    at.i = skipWs(line, at.i + 1)
    if (c === CLOSE_OBJECT) break
    if (c !== COMMA) return undefined
  }
  return at.i === line.length && x !== undefined && y !== undefined ? { x, y } : undefined
}
