/** Leaf codecs named by what a reader should write: `a positive integer`, `a number in [0, 1)`. */
import * as t from 'io-ts'
import { show } from './show.js'

/**
 * A finite number satisfying `ok`, named `name`. JSON turns `1e400` into Infinity; that is
 * reported as not finite rather than as failing the range, which would read oddly.
 */
const numberWhere = (name: string, ok: (n: number) => boolean): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isFinite(u) && ok(u),
    (u, c) =>
      typeof u !== 'number'
        ? t.failure(u, c)
        : !Number.isFinite(u)
          ? t.failure(u, c, `expected a finite number, got ${show(u)}`)
          : ok(u)
            ? t.success(u)
            : t.failure(u, c),
    t.identity,
  )

/** Any finite number. */
export const FiniteNumber = numberWhere('a number', () => true)
/** An integer that a double holds exactly. */
export const Integer = numberWhere('an integer', Number.isSafeInteger)
/** 1, 2, 3, … */
export const PositiveInt = numberWhere('a positive integer', (n) => Number.isSafeInteger(n) && n > 0)
/** 0, 1, 2, … */
export const NonNegativeInt = numberWhere('a non-negative integer', (n) => Number.isSafeInteger(n) && n >= 0)
/** x ≥ 0. */
export const NonNegativeNumber = numberWhere('a non-negative number', (n) => n >= 0)
/** x > 0. */
export const PositiveNumber = numberWhere('a positive number', (n) => n > 0)
/** 0 ≤ x ≤ 1. */
export const Probability = numberWhere('a number in [0, 1]', (n) => n >= 0 && n <= 1)
/** 0 ≤ x < 1, as torch requires of Adam's betas. */
export const Beta = numberWhere('a number in [0, 1)', (n) => n >= 0 && n < 1)

/** true or false. */
export const Bool = new t.Type<boolean, boolean, unknown>(
  'a boolean',
  t.boolean.is,
  (u, c) => (t.boolean.is(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
)

/** A string with at least one character (paths, column names, broker names). */
export const NonEmptyString = new t.Type<string, string, unknown>(
  'a non-empty string',
  (u): u is string => typeof u === 'string' && u.length > 0,
  (u, c) => (typeof u === 'string' && u.length > 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
)
