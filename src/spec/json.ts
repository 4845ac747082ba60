/**
 * Where JSON text goes wrong, for messages. V8's JSON.parse names no position for some errors
 * (`Unexpected token '}', "{"a":}" is not valid JSON`), so after it throws we find the first
 * offending character ourselves. Iterative, so deep nesting cannot overflow the stack.
 */

/** The first syntax error of a JSON text: its UTF-16 offset and what is wrong there. */
export interface JsonSyntaxError {
  readonly offset: number
  readonly problem: string
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)

const describe = (text: string, at: number): string => {
  if (at >= text.length) return 'unexpected end of input'
  const c = text.codePointAt(at) as number
  // Invisible characters (controls, a byte-order mark, odd spaces) are named by code point.
  return /[\p{C}\p{Z}]/u.test(String.fromCodePoint(c))
    ? `unexpected character U+${c.toString(16).toUpperCase().padStart(4, '0')}`
    : `unexpected ${JSON.stringify(String.fromCodePoint(c))}`
}

/** The end of the string starting at `at` (a quote), or the error inside it. */
const scanString = (s: string, at: number): number | JsonSyntaxError => {
  let i = at + 1
  while (i < s.length) {
    const c = s.charCodeAt(i)
    if (c === 0x22) return i + 1
    if (c < 0x20) return { offset: i, problem: `${describe(s, i)} in a string` }
    if (c === 0x5c) {
      const e = s.charCodeAt(i + 1)
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (!isHex(s.charCodeAt(i + k))) return { offset: i + k, problem: `${describe(s, i + k)} in a \\u escape` }
        }
        i += 6
      } else if ('"\\/bfnrt'.includes(s[i + 1] ?? 'x')) i += 2
      else return { offset: i + 1, problem: `${describe(s, i + 1)} after a backslash` }
    } else i++
  }
  return { offset: i, problem: describe(s, i) }
}

/** The end of the number starting at `at`, by JSON's grammar; the error names the first character that breaks it. */
const scanNumber = (s: string, at: number): number | JsonSyntaxError => {
  let i = at
  const digits = (): boolean => {
    const from = i
    while (isDigit(s.charCodeAt(i))) i++
    return i > from
  }
  const fail = (): JsonSyntaxError => ({ offset: i, problem: describe(s, i) })
  if (s.charCodeAt(i) === 0x2d) i++
  if (s.charCodeAt(i) === 0x30) i++
  else if (!digits()) return fail()
  if (s.charCodeAt(i) === 0x2e) {
    i++
    if (!digits()) return fail()
  }
  if ((s.charCodeAt(i) | 0x20) === 0x65) {
    i++
    if (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d) i++
    if (!digits()) return fail()
  }
  return i
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export const findJsonError = (text: string): JsonSyntaxError | undefined => {
  const stack: number[] = [] // open brackets: 0x5b '[' or 0x7b '{'
  let i = 0
  let state: 'value' | 'key' | 'after' = 'value'
  const ws = () => {
    while (isWs(text.charCodeAt(i))) i++
  }
  const fail = (): JsonSyntaxError => ({ offset: i, problem: describe(text, i) })
  for (;;) {
    ws()
    const c = text.charCodeAt(i)
    if (state === 'value') {
      if (c === 0x7b || c === 0x5b) {
        stack.push(c)
        i++
        ws()
        if (text.charCodeAt(i) === c + 2) {
          stack.pop()
          i++
          state = 'after'
        } else state = c === 0x7b ? 'key' : 'value'
        continue
      }
      let end: number | JsonSyntaxError
      if (c === 0x22) end = scanString(text, i)
      else if (c === 0x2d || isDigit(c)) end = scanNumber(text, i)
      else {
        const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i))
        if (word === undefined) return fail()
        end = i + word.length
      }
      if (typeof end !== 'number') return end
      i = end
      state = 'after'
    } else if (state === 'key') {
      if (c !== 0x22) return fail()
      const end = scanString(text, i)
      if (typeof end !== 'number') return end
      i = end
      ws()
      if (text.charCodeAt(i) !== 0x3a) return fail()
      i++
      state = 'value'
    } else {
      const open = stack[stack.length - 1]
      if (open === undefined) return i < text.length ? fail() : undefined
      if (c === 0x2c) {
        i++
        state = open === 0x7b ? 'key' : 'value'
      } else if (c === open + 2) {
        stack.pop()
        i++
      } else return fail()
    }
  }
}

/** `unexpected "}" at line 3, column 5` (or `at column 5` for one-line texts such as events), 1-based. */
export const describeJsonError = (text: string, { lines }: { readonly lines: boolean }): string => {
  const error = findJsonError(text)
  if (error === undefined) return 'not valid JSON'
  const before = text.slice(0, error.offset)
  const line = before.split('\n').length
  const column = error.offset - (before.lastIndexOf('\n') + 1) + 1
  return lines ? `${error.problem} at line ${line}, column ${column}` : `${error.problem} at column ${column}`
}
