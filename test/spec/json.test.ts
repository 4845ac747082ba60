import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { describeJsonError, findJsonError } from '../../src/spec/json.js'

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** JSON texts with a few characters inserted, deleted or replaced: mostly near misses. */
const nearMisses = fc
  .tuple(fc.json(), fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', ',', ':', '"', '[', ']', '{', '}', '-', '.', 'e', '0', '\\', '\t', ' ', 'n', 'x'))
  .map(([json, at, cut, insert]) => {
    const i = at % (json.length + 1)
    return json.slice(0, i) + insert + json.slice(i + cut)
  })

describe('findJsonError', () => {
  it('finds an error exactly when JSON.parse throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), nearMisses, fc.string()), (text) => {
        expect(findJsonError(text) === undefined).toBe(parses(text))
      }),
      { numRuns: 3000 },
    )
  })

  it.each([
    ['[1,]', 'unexpected "]" at column 4'],
    ['{"a" 1}', 'unexpected "1" at column 6'],
    ['{"a":01}', 'unexpected "1" at column 7'],
    ['[1.]', 'unexpected "]" at column 4'],
    ['[1e]', 'unexpected "]" at column 4'],
    ['[-]', 'unexpected "]" at column 3'],
    ['["\\q"]', 'unexpected "q" after a backslash at column 4'],
    ['["\\u12g4"]', 'unexpected "g" in a \\u escape at column 7'],
    ['[NaN]', 'unexpected "N" at column 2'],
    ['[tru]', 'unexpected "t" at column 2'],
    ['[[[[', 'unexpected end of input at column 5'],
    ['["😀" 1]', 'unexpected "1" at column 7'],
    ['[1]\u0000', 'unexpected character U+0000 at column 4'],
    ['\uFEFF{}', 'unexpected character U+FEFF at column 1'],
    ['[1,\u00A0 2]', 'unexpected character U+00A0 at column 4'],
  ])('describes %j as %s', (text, description) => {
    expect(describeJsonError(text, { lines: false })).toBe(description)
  })

  it('survives deep nesting', () => {
    expect(findJsonError('['.repeat(100_000))).toEqual({ offset: 100_000, problem: 'unexpected end of input' })
  })
})
