/** Maps from data values to pixels: linear, log10 and categorical bands. */
import type { Interval } from './ticks.js'

/** A data value → pixel map. */
export type ToPixel = (v: number) => number

/** v ↦ range.lo + (v − d.lo)/(d.hi − d.lo) · (range.hi − range.lo); a zero-width domain maps to the range's middle. */
export const linearScale = ([d0, d1]: Interval, [r0, r1]: Interval): ToPixel => {
  if (d1 === d0) return () => (r0 + r1) / 2
  const k = (r1 - r0) / (d1 - d0)
  return (v) => r0 + (v - d0) * k
}

/** The linear scale of log10 v; values ≤ 0 map to NaN so the marks skip them. */
export const logScale = ([d0, d1]: Interval, range: Interval): ToPixel => {
  const inner = linearScale([Math.log10(d0), Math.log10(d1)], range)
  return (v) => (v > 0 ? inner(Math.log10(v)) : Number.NaN)
}

/** n equal bands over [r0, r1]: band i spans [start(i), start(i) + width], with `padding` of a step between bands. */
export interface Bands {
  readonly start: (i: number) => number
  readonly center: (i: number) => number
  readonly width: number
}

/** n bands evenly spread over a pixel range, separated by `padding` (a fraction of one step). */
export const bands = (n: number, [r0, r1]: Interval, padding = 0.25): Bands => {
  const step = (r1 - r0) / Math.max(1, n)
  const width = step * (1 - padding)
  const start = (i: number) => r0 + i * step + (step - width) / 2
  return { start, center: (i) => start(i) + width / 2, width }
}
