/**
 * Colours and marker shapes. Series and classes use Paul Tol's colour-blind-safe "bright" scheme; class
 * backgrounds are tints of the same colours, so a point and its decision region always match.
 */

/** Series and class colours (Paul Tol "bright": distinguishable under the common colour-vision deficiencies). */
export const categorical: readonly string[] = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#66CCEE', '#AA3377', '#BBBBBB']

/** The colour of series or class i, cycling through `categorical`. */
export const colorOf = (i: number): string => categorical[((i % categorical.length) + categorical.length) % categorical.length]

/** Marker shapes, in the order classes take them, so classes differ by more than colour. */
export const markers = ['circle', 'square', 'triangle', 'diamond', 'cross', 'plus'] as const

/** A marker shape. */
export type Marker = (typeof markers)[number]

/** The marker of class i. */
export const markerOf = (i: number): Marker => markers[((i % markers.length) + markers.length) % markers.length]

type Rgb = readonly [number, number, number]

const parse = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb
const hex = (c: Rgb): string => `#${c.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]

/** `color` mixed with white, keeping the fraction `amount` of the colour (for backgrounds under points). */
export const tint = (color: string, amount = 0.35): string => hex(mix([255, 255, 255], parse(color), amount))

/** A map from t ∈ [0, 1] to a colour; t outside is clamped. */
export type Colormap = (t: number) => string

const ramp =
  (stops: readonly string[]): Colormap =>
  (t) => {
    const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1)
    const i = Math.min(stops.length - 2, Math.floor(u))
    return hex(mix(parse(stops[i]), parse(stops[i + 1]), u - i))
  }

/** Perceptually even dark-blue → green → yellow ramp (viridis, sampled at ten stops). */
export const viridis: Colormap = ramp(['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'])

/** Blue → white → red ramp for values with a meaningful middle (a probability of 0.5, a decision value of 0). */
export const diverging: Colormap = ramp(['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'])

/** The colormaps by name, for options that pick one. */
export const colormaps = { viridis, diverging } as const

/** A colormap's name. */
export type ColormapName = keyof typeof colormaps

const hsl = (h: number, s: number, l: number): string => {
  const f = (n: number) => {
    const k = (n + h / 30) % 12
    return 255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1)))
  }
  return hex([f(0), f(8), f(4)])
}

/** A light colour for region i of many (linear regions): hues a golden angle apart, so neighbours in i differ. */
export const regionColor = (i: number): string => {
  const lightness = [0.78, 0.68, 0.86][Math.floor(i / 7) % 3]
  return hsl((i * 137.508 + 200) % 360, 0.55, lightness)
}
