import { describe, expect, it } from 'vitest'
import { asciiBytes } from '../../src/spec/asciiBytes.js'

const head = (b: Uint8Array | undefined, n: number) => (b === undefined ? undefined : Array.from(b.subarray(0, n)))

describe('asciiBytes', () => {
  it('copies an ASCII line and ends it with three NULs', () => {
    expect(head(asciiBytes('{"x":[1]}'), 12)).toEqual([...Buffer.from('{"x":[1]}'), 0, 0, 0])
    expect(head(asciiBytes(''), 3)).toEqual([0, 0, 0])
  })

  it.each([['é'], ['\u00a0'], ['\ud800'], ['😀'], ['\u0100']])('refuses a line holding %j', (ch) => {
    expect(asciiBytes(`{"x":[1],"y":2}${ch}`)).toBeUndefined()
    expect(asciiBytes(`${ch}{"x":[1],"y":2}`)).toBeUndefined()
  })

  it('copies a line longer than the buffer it keeps, and a short one after it', () => {
    const long = `[${'0,'.repeat(600_000)}1]`

    const b = asciiBytes(long)

    expect(b?.[long.length - 1]).toBe(0x5d)
    expect(b?.[long.length]).toBe(0)
    expect(head(asciiBytes('[2]'), 6)).toEqual([0x5b, 0x32, 0x5d, 0, 0, 0])
  })
})
