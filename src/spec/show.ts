/** How a value appears after `got` in an error line: JSON where JSON can say it, short enough for one line. */

/** The longest rendering before it is cut with `…`; dead letters already carry the whole line. */
const limit = 40

/** `"0.1"`, `-3`, `[1,2]`, `Infinity`, `nothing` (for a missing value), cut to about 40 characters. */
export const show = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  // JSON.stringify prints non-finite numbers as null and drops the sign of -0.
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text
}
