/**
 * Codec combinators for closed JSON records. io-ts alone keeps or silently strips unknown keys
 * and tries every member of a union; a spec needs typos rejected and one error per mistake.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { show } from './show.js'

type Simplify<T> = { [K in keyof T]: T[K] } & {}

/** The decoded type of `closed(name, required, optional)`. */
export type ClosedOf<R extends t.Props, O extends t.Props> = Simplify<
  { [K in keyof R]: t.TypeOf<R[K]> } & { [K in keyof O]?: t.TypeOf<O[K]> }
>

/** A JSON object that is not an array or null, as a record. */
export const isObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/** The failure for a value that should have been a JSON object. */
export const notAnObject = <A>(u: unknown, c: t.Context): t.Validation<A> =>
  t.failure(u, c, `expected an object, got ${show(u)}`)

/**
 * A record with required and optional fields and nothing else: every unknown key is an error
 * (`unknown field, got 0.9`), reported in the order the input lists its keys, then every
 * missing required field. An optional field holding `undefined` counts as absent.
 */
export const closed = <R extends t.Props, O extends t.Props = {}>(
  name: string,
  required: R,
  optional: O = {} as O,
): t.Type<ClosedOf<R, O>, ClosedOf<R, O>, unknown> => {
  type A = ClosedOf<R, O>
  const codecOf = (k: string): t.Mixed | undefined =>
    Object.hasOwn(required, k) ? required[k] : Object.hasOwn(optional, k) ? optional[k] : undefined
  const is = (u: unknown): u is A =>
    isObject(u) &&
    Object.keys(required).every((k) => Object.hasOwn(u, k) && required[k].is(u[k])) &&
    Object.keys(u).every((k) => (Object.hasOwn(optional, k) && u[k] === undefined) || codecOf(k)?.is(u[k]) === true)
  return new t.Type<A, A, unknown>(
    name,
    is,
    (u, c) => {
      if (!isObject(u)) return notAnObject(u, c)
      const errors: t.ValidationError[] = []
      const out: Record<string, unknown> = {}
      for (const k of Object.keys(u)) {
        const codec = codecOf(k)
        if (codec === undefined) {
          const context = t.appendContext(c, k, t.unknown, u[k])
          errors.push({ value: u[k], context, message: `unknown field, got ${show(u[k])}` })
        } else if (!(u[k] === undefined && Object.hasOwn(optional, k))) {
          const r = codec.validate(u[k], t.appendContext(c, k, codec, u[k]))
          if (E.isLeft(r)) errors.push(...r.left)
          else out[k] = r.right
        }
      }
      for (const k of Object.keys(required)) {
        if (!Object.hasOwn(u, k)) {
          const r = required[k].validate(undefined, t.appendContext(c, k, required[k], undefined))
          if (E.isLeft(r)) errors.push(...r.left)
        }
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out as A)
    },
    t.identity,
  )
}

/** A closed record whose `type` field is the literal `type` (one case of a `tagged` union). */
export const variant = <T extends string, R extends t.Props, O extends t.Props = {}>(
  type: T,
  required: R,
  optional: O = {} as O,
) => closed(type, { type: t.literal(type), ...required }, optional)

/**
 * A union told apart by its `type` field. Only the named case is tried, so a bad dense layer
 * reports dense's errors; an unknown or missing type lists the valid ones.
 */
export const tagged = <C extends Record<string, t.Mixed>>(
  name: string,
  cases: C,
): t.Type<t.TypeOf<C[keyof C]>, t.OutputOf<C[keyof C]>, unknown> => {
  type A = t.TypeOf<C[keyof C]>
  const caseOf = (u: unknown): t.Mixed | undefined => {
    const type = isObject(u) ? u.type : undefined
    return typeof type === 'string' && Object.hasOwn(cases, type) ? cases[type] : undefined
  }
  const valid = Object.keys(cases).join(', ')
  const codec: t.Type<A, t.OutputOf<C[keyof C]>, unknown> = new t.Type(
    name,
    (u): u is A => caseOf(u)?.is(u) === true,
    (u, c) => {
      if (!isObject(u)) return notAnObject(u, c)
      const chosen = caseOf(u)
      return chosen !== undefined
        ? (chosen.validate(u, c) as t.Validation<A>)
        : t.failure(u.type, t.appendContext(c, 'type', codec, u.type), `expected one of ${valid}, got ${show(u.type)}`)
    },
    (a) => (caseOf(a) as t.Mixed).encode(a) as t.OutputOf<C[keyof C]>,
  )
  return codec
}

/** An array whose items all decode with `item`; `name` is the expectation when it is not an array at all. */
export const arrayOf = <C extends t.Mixed>(
  name: string,
  item: C,
  { nonEmpty = false } = {},
): t.Type<readonly t.TypeOf<C>[], readonly t.OutputOf<C>[], unknown> =>
  new t.Type<readonly t.TypeOf<C>[], readonly t.OutputOf<C>[], unknown>(
    name,
    (u): u is readonly t.TypeOf<C>[] => Array.isArray(u) && (!nonEmpty || u.length > 0) && u.every(item.is),
    (u, c) => {
      if (!Array.isArray(u) || (nonEmpty && u.length === 0)) return t.failure(u, c)
      const errors: t.ValidationError[] = []
      const out = u.map((v, i) =>
        pipe(
          item.validate(v, t.appendContext(c, String(i), item, v)),
          E.getOrElseW((es) => {
            errors.push(...es)
            return undefined
          }),
        ),
      )
      return errors.length > 0 ? t.failures(errors) : t.success(out)
    },
    (a) => a.map(item.encode),
  )
