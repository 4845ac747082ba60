/**
 * The scanner's general JSON number reader, for any spelling: exponents, 17-digit mantissas,
 * numbers beyond float32. Whatever it answers equals JSON.parse's double, or Math.fround of it,
 * bit for bit; where its own arithmetic cannot promise that, it asks Number(). It reads the
 * line's ASCII bytes `b` (see eventScan.ts), where byte i is the line's character i, and the
 * line `s` itself only for Number().
 */

const MINUS = 0x2d
const DOT = 0x2e
const ZERO = 0x30
const NINE = 0x39

/** Exact powers of ten as doubles (10^22 is the largest); literals, since 10 ** k may round. */
export const POW10: readonly number[] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
]
/** Integers below this are doubles exactly, so a mantissa below it was accumulated without rounding. */
const EXACT = 2 ** 53

/** Where the scan is and the last number read (`start` its first character); one per line, never shared. */
export interface Cursor {
  i: number
  start: number
  value: number
  /** Whether `value` is JSON.parse's double; otherwise it is within a relative 2^-48 of it. */
  exact: boolean
}

/** A cursor at the start of a line. */
export const cursor = (): Cursor => ({ i: 0, start: 0, value: 0, exact: true })

const isDigit = (c: number): boolean => c >= ZERO && c <= NINE

/** Digits that 10^15 < 2^53 holds exactly; each further digit may round (twice: × 10 and + d). */
const EXACT_DIGITS = 15
/** More rounded digits than this and the approximation's error bound no longer holds. */
const MAX_INEXACT_DIGITS = 8
/** The most digits a mantissa may have for `mantissa / 10^k` (k ≤ 22) to be within 2^-48 of JSON.parse's double. */
export const APPROXIMABLE_DIGITS = EXACT_DIGITS + MAX_INEXACT_DIGITS

/**
 * Reads a JSON number at `at.i` of `b`; false when the grammar breaks. With a mantissa below 2^53 and
 * |exponent| ≤ 22, one IEEE multiply or divide of two exact doubles is correctly rounded
 * (Clinger's fast path), so `value` is exact. Up to 8 digits past the 15th (the 17-digit numbers
 * that JSON.stringify and Python write) add at most 17 roundings: `value` is then within a
 * relative 2^-48, good enough for float32 (see `float32At`). Anything else goes to Number().
 */
export const readNumber = (b: Uint8Array, s: string, at: Cursor): boolean => {
  const start = at.i
  let i = start
  const negative = b[i] === MINUS
  if (negative) i++
  const integerStart = i
  let mantissa = 0
  let c = b[i]
  if (c === ZERO) c = b[++i]
  else if (isDigit(c)) {
    do {
      mantissa = mantissa * 10 + (c - ZERO)
      c = b[++i]
    } while (isDigit(c))
  } else return false
  let digits = i - integerStart
  let exponent = 0
  if (c === DOT) {
    const fractionStart = ++i
    c = b[i]
    while (isDigit(c)) {
      mantissa = mantissa * 10 + (c - ZERO)
      c = b[++i]
    }
    if (i === fractionStart) return false
    digits += i - fractionStart
    exponent = fractionStart - i
  }
  if ((c | 0x20) === 0x65) {
    c = b[++i]
    const sign = c === MINUS ? -1 : 1
    if (c === MINUS || c === 0x2b) c = b[++i]
    if (!isDigit(c)) return false
    let e = 0
    do {
      e = e * 10 + (c - ZERO)
      c = b[++i]
    } while (isDigit(c))
    exponent += sign * e
  }
  at.start = start
  at.i = i
  // A digit that rounded left the mantissa ≥ 2^53 for good, so below it every digit was exact.
  const exact = mantissa < EXACT
  if ((exact || digits <= APPROXIMABLE_DIGITS) && exponent >= -22 && exponent <= 22) {
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
export const doubleAt = (s: string, at: Cursor): number => (at.exact ? at.value : Number(s.slice(at.start, at.i)))

/**
 * Math.fround of JSON.parse's double for the number just read. An approximate value decides it
 * when the whole interval it may be off by rounds to one float32 (rounding is monotone); only a
 * number within 2^-46 of a float32 midpoint needs Number().
 */
export const float32At = (s: string, at: Cursor): number => {
  if (at.exact) return Math.fround(at.value)
  const err = Math.abs(at.value) * 2 ** -46
  const lo = Math.fround(at.value - err)
  return lo === Math.fround(at.value + err) ? lo : Math.fround(Number(s.slice(at.start, at.i)))
}
