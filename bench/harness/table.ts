/** Markdown tables and the number formats the report uses. */

/** A markdown table; columns after the first `left` are right-aligned. */
export const markdownTable = (header: readonly string[], rows: readonly (readonly string[])[], left = 1): string => {
  const align = header.map((_, i) => (i < left ? '---' : '---:'))
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`
  return [line(header), line(align), ...rows.map(line)].join('\n')
}

/** A count or rate with thousands separators, rounded to a whole number; '–' for none. */
export const count = (n: number | null): string => (n === null || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US'))

/** A ratio as `0.52×` (two significant digits below 10); '–' for none. */
export const times = (r: number | null): string => (r === null || !Number.isFinite(r) ? '–' : `${r < 10 ? r.toPrecision(2) : Math.round(r)}×`)

/** A share as a percentage with two decimals; '–' for none. */
export const percent = (p: number | null): string => (p === null || !Number.isFinite(p) ? '–' : `${(100 * p).toFixed(2)}%`)

/** Kilobytes as whole megabytes (MiB); '–' for none. */
export const megabytes = (kb: number | null): string => (kb === null || !Number.isFinite(kb) ? '–' : `${Math.round(kb / 1024)} MB`)

/** Microseconds with one decimal below 100. */
export const micros = (us: number | undefined): string => (us === undefined || !Number.isFinite(us) ? '–' : us < 100 ? us.toFixed(1) : Math.round(us).toLocaleString('en-US'))
