/** Number formatting for command output. */

/** The shortest decimal that reads back as the same float32 (0.3, not 0.30000001192092896). */
export const float32Text = (v: number): string => {
  if (!Number.isFinite(v)) return String(v)
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p))
    if (Math.fround(s) === v) return String(s)
  }
  return String(v)
}

/** A Float32Array as a JSON array of shortest float32 decimals. */
export const float32Json = (values: ArrayLike<number>): string => `[${Array.from(values, float32Text).join(',')}]`
