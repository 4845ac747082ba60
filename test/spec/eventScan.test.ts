import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeEvent, withoutCr } from '../../src/spec/event.js'
import { decodeEventByCodec } from '../../src/spec/eventCodec.js'
import { scanEvent } from '../../src/spec/eventScan.js'
import type { EventShape } from '../../src/spec/widths.js'

const shapes: readonly EventShape[] = [
  { inputs: 1, targets: 1, classes: false },
  { inputs: 3, targets: 1, classes: false },
  { inputs: 2, targets: 2, classes: false },
  { inputs: 2, targets: 3, classes: true },
  { inputs: 4, targets: 10, classes: true },
]

// ---- generators: lines near the common form, and far from it ----

const ws = fc.constantFrom('', '', '', ' ', '  ', '\t', '\n', '\r', ' \r\n ')
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`))

/** Number spellings: valid ones of every form, near-float32-boundaries, and invalid ones. */
const numberText = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -12, max: 12 }).map(String) },
  { weight: 4, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { weight: 4, arbitrary: fc.float({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { weight: 2, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }).map((v) => v.toFixed(4)) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom('', '-'), fc.oneof(fc.constant('0'), digits(1, 22).map((d) => `1${d}`)), fc.option(digits(1, 24)), fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 60 }))))
      .map(([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `${exp[0]}${exp[1]}${exp[2]}`}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '-0', '0', '0.0', '-0.0e0', '0e-400', '1e400', '-1e400', '1e39', '3.4028235e38', '3.4028234663852886e38',
      '3.40282357e38', '3.4028235677973366e38', '1e-50', '1.4e-45', '7e-46', '4.9e-324', '1.0000000596046448',
      '1.00000005960464477539', '1.000000059604644775390625', '0.30000000000000004', '9007199254740993',
      '123456789012345678901234567890', '1e22', '1e23', '1e-22', '1e-23', '2.5', '3.0', '10', '9',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('NaN', 'Infinity', '-Infinity', '+1', '.5', '1.', '01', '-', '1e', '1e+', '0x10', '1_000', '--1', '1.2.3', '١'),
  },
)

const otherValue = fc.constantFrom('"1"', '"x"', 'null', 'true', 'false', '{}', '[]', '[[1]]', '{"a":1}', '"\\u0031"', '[1,]', '')

/** An array written by hand, with its commas, whitespace and sometimes a defect. */
const arrayText = (items: fc.Arbitrary<string>, min: number, max: number) =>
  fc
    .tuple(fc.array(fc.tuple(ws, items, ws), { minLength: min, maxLength: max }), ws, fc.constantFrom('', '', '', '', ',', ']'))
    .map(([xs, pad, defect]) => `[${pad}${xs.map(([a, v, b]) => a + v + b).join(',')}${defect}]`)

/** Valid number spellings only: the well-formed lines use these. */
const validNumber = numberText.filter((t) => {
  try {
    return Number.isFinite(JSON.parse(t)) && Number.isFinite(Math.fround(JSON.parse(t)))
  } catch {
    return false
  }
})

const vectorOf = (n: number, clean: boolean) =>
  clean
    ? fc.tuple(fc.array(fc.tuple(ws, validNumber, ws), { minLength: n, maxLength: n }), ws).map(([xs, pad]) => `[${pad}${xs.map(([a, v, b]) => a + v + b).join(',')}]`)
    : fc.oneof(
        { weight: 4, arbitrary: arrayText(numberText, n, n) },
        { weight: 2, arbitrary: arrayText(numberText, Math.max(0, n - 1), n + 1) },
        { weight: 1, arbitrary: arrayText(fc.oneof(numberText, otherValue), n, n) },
      )

const classVector = (n: number) =>
  fc.oneof(
    fc.nat({ max: n - 1 }).map((k) => `[${Array.from({ length: n }, (_, i) => (i === k ? '1' : '0')).join(',')}]`),
    fc.array(fc.nat({ max: 4 }), { minLength: n, maxLength: n }).map((w) => {
      const sum = w.reduce((a, b) => a + b, 0) || 1
      return `[${w.map((v) => String(v / sum)).join(', ')}]`
    }),
    fc.constantFrom(`[${'0.5,'.repeat(n - 1)}0.5]`, `[${'-0,'.repeat(n - 1)}1]`, `[${'0,'.repeat(n - 1)}1.0000001]`),
  )

const yValue = (shape: EventShape, clean: boolean) =>
  clean
    ? shape.classes
      ? fc.oneof(fc.nat({ max: shape.targets - 1 }).map(String), classVector(shape.targets))
      : shape.targets === 1
        ? fc.oneof(validNumber, vectorOf(1, true))
        : vectorOf(shape.targets, true)
    : fc.oneof(
        { weight: 3, arbitrary: shape.classes ? fc.integer({ min: -1, max: shape.targets }).map(String) : numberText },
        { weight: 3, arbitrary: vectorOf(shape.targets, false) },
        { weight: shape.classes ? 3 : 0, arbitrary: classVector(shape.targets) },
        { weight: 2, arbitrary: numberText },
        { weight: 1, arbitrary: otherValue },
      )

const member = (key: string, value: fc.Arbitrary<string>) => fc.tuple(ws, ws, value).map(([a, b, v]) => `"${key}"${a}:${b}${v}`)

/** Fields beside x and y: unknown ones, repeats, an escaped x, nested JSON. */
const extra = (shape: EventShape) =>
  fc.oneof(
    fc.constantFrom('id', 'z', 'xx', 'X', 'Y', '').chain((key) => member(key, fc.oneof(numberText, otherValue))),
    member('x', vectorOf(shape.inputs, false)),
    member('y', yValue(shape, false)),
    member('\\u0078', vectorOf(shape.inputs, false)),
    member('t', fc.json()),
  )

/** A line of x and y in either order; a clean one is valid, a dirty one has defects anywhere. */
const eventLine = (shape: EventShape, clean: boolean) =>
  fc
    .tuple(
      member('x', vectorOf(shape.inputs, clean)),
      member('y', yValue(shape, clean)),
      clean ? fc.constant([]) : fc.array(extra(shape), { maxLength: 2 }),
      fc.nat(),
      clean ? fc.constant(0) : fc.constantFrom(0, 0, 0, 1, 2),
      ws,
      ws,
      clean ? fc.constantFrom('', '\r') : fc.constantFrom('', '', '\r', ' x', '}', ','),
    )
    .map(([x, y, extras, order, drop, before, after, tail]) => {
      const members = [x, y, ...extras].slice(drop === 1 ? 1 : 0, drop === 2 ? 1 + extras.length : undefined)
      const rotated = members.map((_, i) => members[(i + order) % members.length])
      return `${before}{${rotated.join(',')}}${after}${tail}`
    })

/** Lines and the shape to read them with: near misses, arbitrary JSON, arbitrary text, cut-off lines. */
const lineAndShape = fc.constantFrom(...shapes).chain((shape) =>
  fc.tuple(
    fc.oneof(
      { weight: 8, arbitrary: eventLine(shape, true) },
      { weight: 8, arbitrary: eventLine(shape, false) },
      { weight: 1, arbitrary: fc.json() },
      { weight: 1, arbitrary: fc.string() },
      { weight: 2, arbitrary: fc.tuple(eventLine(shape, true), fc.nat()).map(([l, k]) => l.slice(0, k % (l.length + 1))) },
    ),
    fc.constant(shape),
  ),
)

/** A decode result with the samples as their exact bits, so -0 and rounding differences show. */
const bits = (e: E.Either<string, { x: Float32Array; y: Float32Array }>) => {
  const words = (a: Float32Array) => Array.from(new Uint32Array(a.slice().buffer))
  return E.isLeft(e) ? e : E.right({ x: words(e.right.x), y: words(e.right.y) })
}

describe('the fast path', () => {
  it('accepts, rejects and decodes exactly as the codec path', () => {
    fc.assert(
      fc.property(lineAndShape, ([line, shape]) => {
        const fast = scanEvent(withoutCr(line), shape)
        const codec = decodeEventByCodec(withoutCr(line), shape)

        if (fast !== undefined) expect(bits(E.right(fast))).toEqual(bits(codec))
        expect(bits(decodeEvent(line, shape))).toEqual(bits(codec))
      }),
      { numRuns: 10_000 },
    )
  })

  it('takes well-formed lines itself (so the property above is not vacuous)', () => {
    const samples = fc.sample(
      fc.constantFrom(...shapes).chain((shape) => fc.tuple(eventLine(shape, true), fc.constant(shape))),
      { numRuns: 5000, seed: 7 },
    )
    const accepted = samples.filter(([l, s]) => E.isRight(decodeEventByCodec(l, s)))
    const fast = accepted.filter(([l, s]) => scanEvent(l, s) !== undefined)

    expect(accepted.length).toBeGreaterThan(4500)
    expect(fast.length / accepted.length).toBeGreaterThan(0.9)
  })

  it('rounds every spelling of a number as JSON.parse and then Math.fround do', () => {
    // Doubles near float32 midpoints are where an approximate parse could round the wrong way.
    const nearMidpoint = fc
      .tuple(fc.float({ noNaN: true, noDefaultInfinity: true, min: 0 }), fc.integer({ min: -40, max: 40 }))
      .map(([f, ulps]) => {
        const word = new Uint32Array(new Float32Array([f]).buffer)[0]
        const next = new Float32Array(new Uint32Array([word + 1]).buffer)[0]
        const mid = (f + next) / 2
        return Number.isFinite(mid) ? mid + ulps * Number.EPSILON * Math.abs(mid) : f
      })
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), nearMidpoint)
    const spelling = fc
      .tuple(value, fc.integer({ min: 1, max: 21 }), fc.constantFrom('precision', 'exponential', 'plain'))
      .map(([v, p, form]) =>
        form === 'precision' ? v.toPrecision(p) : form === 'exponential' ? v.toExponential(p - 1) : String(v),
      )

    fc.assert(
      fc.property(spelling, (text) => {
        const expected = Math.fround(JSON.parse(text) as number)
        const sample = scanEvent(`{"x":[${text}],"y":0}`, shapes[0])

        if (Number.isFinite(expected)) expect(sample).toBeDefined()
        if (sample !== undefined) expect(Object.is(sample.x[0], expected)).toBe(true)
      }),
      { numRuns: 20_000 },
    )
  })

  it.each([
    ['17 significant digits', '{"x":[0.12345678901234567],"y":1}'],
    ['a double next to a float32 midpoint (1 + 2^-24), above', '{"x":[1.0000000596046448],"y":1}'],
    ['a double next to a float32 midpoint (1 + 2^-24), below', '{"x":[1.0000000596046446],"y":1}'],
    ['the midpoint itself in 25 digits', '{"x":[1.000000059604644775390625],"y":1}'],
    ['float32 max', '{"x":[3.4028234663852886e38],"y":1}'],
    ['just past float32 max, rounding down', '{"x":[3.4028235677973362e38],"y":1}'],
    ['beyond 2^53', '{"x":[9007199254740993],"y":1}'],
    ['a float32 subnormal', '{"x":[1.401298464324817e-45],"y":1}'],
    ['half the smallest float32 subnormal', '{"x":[7.006492321624085e-46],"y":1}'],
  ])('rounds like the codec: %s', (_, line) => {
    const shape = shapes[0]

    expect(bits(decodeEvent(line, shape))).toEqual(bits(decodeEventByCodec(line, shape)))
  })
})
