/** How decoding errors print names and values: always on one line, and never very long. */

/** Values longer than this are cut, so a hostile header cannot flood an error line. */
const MAX_SHOWN = 60

/** A tensor or metadata name as is, or JSON-quoted when it is empty or has control characters. */
export const showName = (name: string): string =>
  name === '' || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name) ? JSON.stringify(name) : name

/** A JSON value as compact JSON, cut to a readable length; `nothing` for a missing value. */
export const showValue = (value: unknown): string => {
  const text = value === undefined ? 'nothing' : JSON.stringify(value)
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}

/** What kind of JSON value `value` is, for messages about the wrong kind: `an array`, `null`, `a number`. */
export const showKind = (value: unknown): string => {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
