/**
 * Axis ticks: steps of 1, 2 or 5 × 10^k for linear axes, powers of ten (and 2, 5 between them) for log axes,
 * with labels short enough to read. Tick values are computed from integers so that 0.1 + 0.2 never shows up.
 */

/** An interval [lo, hi] of data or axis values. */
export type Interval = readonly [lo: number, hi: number]

/** Mantissa m ∈ {1, 2, 5} and exponent e of the 1-2-5 step closest to span / target. */
const stepParts = (span: number, target: number): { m: number; e: number } => {
  const raw = span / Math.max(1, target)
  let e = Math.floor(Math.log10(raw))
  const f = raw / 10 ** e
  const m = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
  if (m === 10) return { m: 1, e: e + 1 }
  return { m, e }
}

// k·m·10^e as the double nearest the decimal value: both factors of the division are exact integers.
const value = (k: number, m: number, e: number): number => {
  const v = e >= 0 ? k * m * 10 ** e : (k * m) / 10 ** -e
  return v === 0 ? 0 : v
}

/** The 1-2-5 step for about `target` intervals over `span` (> 0). */
export const niceStep = (span: number, target = 5): number => {
  const { m, e } = stepParts(span, target)
  return value(1, m, e)
}

/** Multiples of the 1-2-5 step inside [lo, hi]; for lo = hi, just [lo]. */
export const linearTicks = ([lo, hi]: Interval, target = 5): number[] => {
  if (!(hi > lo)) return Number.isFinite(lo) ? [lo] : []
  const { m, e } = stepParts(hi - lo, target)
  const step = value(1, m, e)
  const k0 = Math.ceil(lo / step - 1e-9)
  const k1 = Math.floor(hi / step + 1e-9)
  return Array.from({ length: k1 - k0 + 1 }, (_, i) => value(k0 + i, m, e))
}

/** [lo, hi] widened to multiples of its 1-2-5 step; a point widens to a unit-sized interval around it. */
export const niceDomain = ([lo, hi]: Interval, target = 5): Interval => {
  if (!(hi > lo)) {
    // A constant series still needs an axis: centre it in a range proportional to its size.
    const d = lo === 0 ? 1 : Math.abs(lo) / 10
    return niceDomain([lo - d, lo + d], target)
  }
  const { m, e } = stepParts(hi - lo, target)
  const step = value(1, m, e)
  return [value(Math.floor(lo / step + 1e-9), m, e), value(Math.ceil(hi / step - 1e-9), m, e)]
}

/** [lo, hi] (both > 0) widened to powers of ten; a point widens by one decade each way. */
export const niceLogDomain = ([lo, hi]: Interval): Interval => {
  let a = Math.floor(Math.log10(lo) + 1e-9)
  let b = Math.ceil(Math.log10(hi) - 1e-9)
  if (a === b) [a, b] = [a - 1, b + 1]
  return [value(1, 1, a), value(1, 1, b)]
}

/** Ticks of a log axis over [lo, hi] (both > 0): 1, 2, 5 × 10^k within two decades, else powers of ten (every n-th past six). */
export const logTicks = ([lo, hi]: Interval, target = 5): number[] => {
  if (!(lo > 0) || !(hi >= lo)) return []
  const a = Math.floor(Math.log10(lo) + 1e-9)
  const b = Math.ceil(Math.log10(hi) - 1e-9)
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)
  const mantissas = b - a <= 2 ? [1, 2, 5] : [1]
  const every = Math.max(1, Math.ceil((b - a) / Math.max(6, target)))
  const out: number[] = []
  for (let e = a; e <= b; e++) {
    if ((e - a) % every !== 0) continue
    for (const m of mantissas) if (inside(value(1, m, e))) out.push(value(1, m, e))
  }
  return out
}

const minus = (s: string): string => s.replace(/^-/, '\u2212')

const exponential = (v: number, digits: number): string => {
  const [mant, exp] = v.toExponential(digits).split('e')
  return minus(`${mant.replace(/\.?0+$/, '')}e${Number(exp)}`)
}

/** Labels for evenly spaced linear ticks: the decimals the step needs, exponent form for very large or small numbers. */
export const linearLabels = (ticks: readonly number[]): string[] => {
  if (ticks.length === 0) return []
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(ticks[0]) || 1
  const big = Math.max(...ticks.map(Math.abs))
  const stepExp = Math.floor(Math.log10(step) + 1e-9)
  if (big >= 1e5 || (big > 0 && big < 1e-3)) {
    return ticks.map((t) => (t === 0 ? '0' : exponential(t, Math.max(0, Math.floor(Math.log10(Math.abs(t)) + 1e-9) - stepExp))))
  }
  // Rounded to the step's decimals, then trimmed: "0, 0.2, …, 1" reads better than "0.0, 0.2, …, 1.0".
  const decimals = Math.max(0, -stepExp)
  return ticks.map((t) => minus(String(Number(t.toFixed(decimals)) || 0)))
}

/** Labels for log ticks: plain decimals between 1e-4 and 1e5, exponent form outside. */
export const logLabels = (ticks: readonly number[]): string[] =>
  ticks.map((t) => (t >= 1e-4 && t < 1e5 ? String(Number(t.toPrecision(6))) : exponential(t, 6)))
