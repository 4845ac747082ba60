import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeEvent } from '../../src/spec/event.js'
import { decodeEventByCodec } from '../../src/spec/eventCodec.js'
import { scanEvent } from '../../src/spec/eventScan.js'
import type { EventShape } from '../../src/spec/widths.js'

// Long arrays of short numbers, as image lines have them (784 pixels, most `0`, the rest like
// `0.149` or `1`): the scanner's shortcuts for these must agree with the codec to the bit.

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`))

/** Pixel spellings: mostly `0`, short decimals, a few other valid forms, and some defects. */
const pixel = fc.oneof(
  { weight: 16, arbitrary: fc.constant('0') },
  { weight: 2, arbitrary: fc.constantFrom('1', '0.149', '-0', '1e-3', '0.5', '-0.25', '10', '0.0', '-0.0', '1E2', '255', '0.1234567') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom('', '', '', '-'), fc.nat({ max: 999 }), fc.option(digits(1, 7)))
      .map(([sign, int, frac]) => `${sign}${int}${frac === null ? '' : `.${frac}`}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('0.30000000000000004', '1.0000000596046448', '3e38', '4e38', '1e-46', '9007199254740993') },
)
const validPixel = pixel.filter((p) => Number.isFinite(Math.fround(Number(p))))
const defect = fc.constantFrom('00', '01', '1.', '.5', '-', '0x1', '+1', '1e', 'NaN', '"0"', 'null', '0.1.2', '١', '0,', '')
const ws = fc.constantFrom('', '', '', '', '', '', ' ', '\t')

/** `n` pixels (sometimes one more or fewer), now and then a defect among them. */
const pixels = (n: number, clean: boolean) =>
  fc
    .tuple(
      clean ? fc.constant(n) : fc.constantFrom(n, n, n, n, n, n - 1, n + 1),
      fc.infiniteStream(fc.tuple(ws, clean ? validPixel : pixel, ws)),
      clean ? fc.constant(-1) : fc.integer({ min: -n, max: n - 1 }),
      defect,
    )
    .map(([count, stream, at, bad]) => {
      const xs = [...stream.take(count)].map(([a, v, b]) => a + v + b)
      if (at >= 0 && at < xs.length) xs[at] = bad
      return `[${xs.join(',')}]`
    })

const shapes: readonly EventShape[] = [
  { inputs: 10, targets: 10, classes: true },
  { inputs: 784, targets: 10, classes: true },
  { inputs: 49, targets: 1, classes: false },
]

const label = (shape: EventShape, clean: boolean) =>
  shape.classes
    ? clean
      ? fc.nat({ max: shape.targets - 1 }).map(String)
      : fc.integer({ min: -1, max: shape.targets }).map(String)
    : clean
      ? validPixel
      : fc.oneof(pixel, defect)

const imageLine = (shape: EventShape, clean: boolean) =>
  fc
    .tuple(pixels(shape.inputs, clean), label(shape, clean), fc.boolean())
    .map(([x, y, yFirst]) => (yFirst ? `{"y":${y},"x":${x}}` : `{"x":${x},"y":${y}}`))

const lineAndShape = (clean: boolean) => fc.constantFrom(...shapes).chain((s) => fc.tuple(imageLine(s, clean), fc.constant(s)))

/** A decode result with the samples as their exact bits, so -0 and rounding differences show. */
const bits = (e: E.Either<string, { x: Float32Array; y: Float32Array }>) => {
  const words = (a: Float32Array) => Array.from(new Uint32Array(a.slice().buffer))
  return E.isLeft(e) ? e : E.right({ x: words(e.right.x), y: words(e.right.y) })
}

/** Characters outside ASCII, where a byte-reading scanner could go wrong: none is JSON white space or a digit. */
const foreign = fc.constantFrom('é', '\u00a0', '\u2028', '\uFEFF', '１', '٣', '\ud800', '😀', '\u0130')

describe('the fast path on long arrays of short numbers', () => {
  it('accepts, rejects and decodes exactly as the codec path', () => {
    fc.assert(
      fc.property(fc.oneof(lineAndShape(true), lineAndShape(false)), ([line, shape]) => {
        const fast = scanEvent(line, shape)
        const codec = decodeEventByCodec(line, shape)

        if (fast !== undefined) expect(bits(E.right(fast))).toEqual(bits(codec))
        expect(bits(decodeEvent(line, shape))).toEqual(bits(codec))
      }),
      { numRuns: 600 },
    )
  })

  it('takes clean image lines itself (so the property above is not vacuous)', () => {
    const samples = fc.sample(lineAndShape(true), { numRuns: 300, seed: 11 })

    const fast = samples.filter(([l, s]) => scanEvent(l, s) !== undefined)

    expect(samples.every(([l, s]) => E.isRight(decodeEventByCodec(l, s)))).toBe(true)
    expect(fast.length).toBe(samples.length)
  })

  it('leaves a line with a character outside ASCII anywhere to the codec, which decides it alike', () => {
    const withForeign = fc
      .tuple(lineAndShape(true), foreign, fc.nat(), fc.boolean())
      .map(([[line, shape], ch, at, inField]) => {
        const k = at % (line.length + 1)
        // Inside a string of an extra field the line stays valid JSON; anywhere else it breaks it.
        const text = inField ? `${line.slice(0, -1)},"note":"${ch}"}` : line.slice(0, k) + ch + line.slice(k)
        return [text, shape] as const
      })
    fc.assert(
      fc.property(withForeign, ([line, shape]) => {
        expect(scanEvent(line, shape)).toBeUndefined()
        expect(bits(decodeEvent(line, shape))).toEqual(bits(decodeEventByCodec(line, shape)))
      }),
      { numRuns: 500 },
    )
  })
})
