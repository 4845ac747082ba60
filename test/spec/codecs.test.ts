import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { arrayOf, closed, tagged, variant } from '../../src/spec/codecs.js'
import { formatErrors, pathOf } from '../../src/spec/format.js'
import { Beta, Bool, FiniteNumber, Integer, NonEmptyString, NonNegativeInt, NonNegativeNumber, PositiveInt, PositiveNumber, Probability } from '../../src/spec/refined.js'
import { show } from '../../src/spec/show.js'
import { errorsOf } from './specs.js'

const Point = closed('Point', { x: FiniteNumber }, { label: NonEmptyString })
const Shape = tagged('Shape', {
  circle: variant('circle', { r: PositiveNumber }),
  square: variant('square', { side: PositiveNumber }, { rounded: Bool }),
})
const Drawing = closed('Drawing', { shapes: arrayOf('an array of shapes', Shape) }, { origin: Point })

describe('closed', () => {
  it('decodes exactly the fields given, optional ones only when present', () => {
    expect(Point.decode({ x: 1 })).toEqual(E.right({ x: 1 }))
    expect(Point.decode({ x: 1, label: 'a' })).toEqual(E.right({ x: 1, label: 'a' }))
  })

  it('treats an optional field holding undefined as absent', () => {
    const decoded = Point.decode({ x: 1, label: undefined })

    expect(decoded).toEqual(E.right({ x: 1 }))
    expect(E.isRight(decoded) && Object.hasOwn(decoded.right, 'label')).toBe(false)
  })

  it.each([
    ['an unknown field', { x: 1, y: 2 }, ['y: unknown field, got 2']],
    ['a missing field', {}, ['x: expected a number, got nothing']],
    ['a wrong optional field', { x: 1, label: '' }, ['label: expected a non-empty string, got ""']],
    ['an inherited name as a field', { x: 1, toString: 3 }, ['toString: unknown field, got 3']],
    ['errors in the order of the keys, then missing fields', { z: 1, label: 5 }, ['z: unknown field, got 1', 'label: expected a non-empty string, got 5', 'x: expected a number, got nothing']],
    ['a non-object', [1], ['(root): expected an object, got [1]']],
    ['null', null, ['(root): expected an object, got null']],
  ])('reports %s', (_, value, lines) => {
    expect(errorsOf(Point, value)).toEqual(lines)
  })

  it('is its own type guard', () => {
    expect([{ x: 1 }, { x: 1, label: 'a' }, { x: 1, y: 2 }, { x: 'a' }, null].map(Point.is)).toEqual([true, true, false, false, false])
  })
})

describe('tagged', () => {
  it.each([
    ['only the named case', { shapes: [{ type: 'circle', r: -1 }] }, ['shapes[0].r: expected a positive number, got -1']],
    ['an unknown type with the valid ones', { shapes: [{ type: 'hexagon' }] }, ['shapes[0].type: expected one of circle, square, got "hexagon"']],
    ['a missing type', { shapes: [{ r: 1 }] }, ['shapes[0].type: expected one of circle, square, got nothing']],
    ['a type that is not a string', { shapes: [{ type: 1 }] }, ['shapes[0].type: expected one of circle, square, got 1']],
    ['a name from Object.prototype as type', { shapes: [{ type: 'toString' }] }, ['shapes[0].type: expected one of circle, square, got "toString"']],
    ['a field of another case', { shapes: [{ type: 'circle', r: 1, side: 2 }] }, ['shapes[0].side: unknown field, got 2']],
    ['a non-object', { shapes: ['circle'] }, ['shapes[0]: expected an object, got "circle"']],
    ['errors in several items', { shapes: [{ type: 'square' }, { type: 'circle', r: 0 }] }, ['shapes[0].side: expected a positive number, got nothing', 'shapes[1].r: expected a positive number, got 0']],
    ['a non-array', { shapes: {} }, ['shapes: expected an array of shapes, got {}']],
  ])('reports %s', (_, value, lines) => {
    expect(errorsOf(Drawing, value)).toEqual(lines)
  })

  it('decodes and guards each case', () => {
    const drawing = { shapes: [{ type: 'circle', r: 1 }, { type: 'square', side: 2, rounded: true }], origin: { x: 0 } }

    expect(Drawing.decode(drawing)).toEqual(E.right(drawing))
    expect(Drawing.is(drawing)).toBe(true)
    expect(Shape.is({ type: 'circle', side: 1 })).toBe(false)
    expect(Shape.encode({ type: 'square', side: 1 })).toEqual({ type: 'square', side: 1 })
  })
})

describe('arrayOf', () => {
  const Columns = arrayOf('a non-empty array of names', NonEmptyString, { nonEmpty: true })

  it.each([
    [[], ['(root): expected a non-empty array of names, got []']],
    ['a', ['(root): expected a non-empty array of names, got "a"']],
    [['a', 1, ''], ['[1]: expected a non-empty string, got 1', '[2]: expected a non-empty string, got ""']],
  ])('reports %j', (value, lines) => {
    expect(errorsOf(Columns, value)).toEqual(lines)
  })
})

describe('leaf codecs', () => {
  it.each([
    [FiniteNumber, '1', 'expected a number, got "1"'],
    [FiniteNumber, Infinity, 'expected a finite number, got Infinity'],
    [FiniteNumber, NaN, 'expected a finite number, got NaN'],
    [Integer, 1.5, 'expected an integer, got 1.5'],
    [Integer, 2 ** 53, 'expected an integer, got 9007199254740992'],
    [PositiveInt, 0, 'expected a positive integer, got 0'],
    [PositiveInt, 2.5, 'expected a positive integer, got 2.5'],
    [NonNegativeInt, -1, 'expected a non-negative integer, got -1'],
    [NonNegativeNumber, -0.5, 'expected a non-negative number, got -0.5'],
    [NonNegativeNumber, -Infinity, 'expected a finite number, got -Infinity'],
    [PositiveNumber, 0, 'expected a positive number, got 0'],
    [Probability, 1.5, 'expected a number in [0, 1], got 1.5'],
    [Beta, 1, 'expected a number in [0, 1), got 1'],
    [Bool, 'true', 'expected a boolean, got "true"'],
    [NonEmptyString, '', 'expected a non-empty string, got ""'],
  ] as const)('%#: %s rejects %j', (codec, value, problem) => {
    expect(errorsOf(codec, value)).toEqual([`(root): ${problem}`])
  })

  it.each([
    [Integer, -7],
    [NonNegativeInt, 0],
    [NonNegativeNumber, -0],
    [Probability, 1],
    [Beta, 0],
    [PositiveInt, 2 ** 53 - 1],
  ] as const)('%#: accepts %j', (codec, value) => {
    expect(codec.decode(value)).toEqual(E.right(value))
  })
})

describe('formatErrors', () => {
  it('quotes keys that are not plain names', () => {
    expect(errorsOf(closed('Empty', {}), { 'a b': 1, '0': 2 })).toEqual(['["0"]: unknown field, got 2', '["a b"]: unknown field, got 1'])
  })

  it('drops repeated lines', () => {
    const error = { value: 1, context: [{ key: '', type: t.string, actual: 1 }] }

    expect(formatErrors([error, error])).toEqual(['(root): expected string, got 1'])
  })

  it('reports a plain io-ts union once, at the union', () => {
    const U = t.union([t.string, t.number], 'a string or a number')

    expect(errorsOf(t.type({ a: U }), { a: true })).toEqual(['a: expected a string or a number, got true'])
  })

  it('writes array indices in brackets', () => {
    const context = [
      { key: '', type: t.unknown, actual: { a: [[0, { b: 1 }]] } },
      { key: 'a', type: t.unknown, actual: [[0, { b: 1 }]] },
      { key: '0', type: t.unknown, actual: [0, { b: 1 }] },
      { key: '1', type: t.unknown, actual: { b: 1 } },
      { key: 'b', type: t.unknown, actual: 1 },
    ]

    expect(pathOf(context)).toBe('a[0][1].b')
  })
})

describe('show', () => {
  it.each([
    [undefined, 'nothing'],
    [-0, '-0'],
    [1e21, '1e+21'],
    [NaN, 'NaN'],
    ['a"b', '"a\\"b"'],
    [{ a: [1, 2] }, '{"a":[1,2]}'],
    ['x'.repeat(60), `"${'x'.repeat(38)}…`],
  ])('shows %j as %s', (value, text) => {
    expect(show(value)).toBe(text)
  })
})
