/** Order statistics of a handful of runs. */

/** The median (the mean of the middle two for an even count); NaN for none. */
export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Smallest and largest; NaN for none. */
export const range = (xs: readonly number[]): { readonly min: number; readonly max: number } =>
  xs.length === 0 ? { min: Number.NaN, max: Number.NaN } : { min: Math.min(...xs), max: Math.max(...xs) }
