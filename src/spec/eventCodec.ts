/**
 * The reference event decoder: JSON.parse, then an io-ts codec for the shape the spec implies.
 * Every rejection is one string naming the fields (`x[1]: expected a finite number, got "1"`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { isObject, notAnObject } from './codecs.js'
import { isClassIndex, firstNonProbability, isClassVector, oneHot, total } from './eventTargets.js'
import { formatErrors } from './format.js'
import { describeJsonError } from './json.js'
import type { Sample } from './records.js'
import { show } from './show.js'
import type { EventShape } from './widths.js'

const count = (n: number): string => `${n} number${n === 1 ? '' : 's'}`

/** Why `v` cannot be one entry of a sample, or undefined when it can (finite, and finite as float32). */
const entryProblem = (v: unknown): string | undefined =>
  typeof v !== 'number' || !Number.isFinite(v)
    ? `expected a finite number, got ${show(v)}`
    : Number.isFinite(Math.fround(v))
      ? undefined
      : `expected a number within float32 range, got ${show(v)}`

const isVector = (n: number) => (u: unknown): u is Float32Array => u instanceof Float32Array && u.length === n

/** Exactly `n` numbers as a Float32Array; reports the length, or the first bad entry by index. */
export const numbers = (n: number, name: string): t.Type<Float32Array, Float32Array, unknown> =>
  new t.Type<Float32Array, Float32Array, unknown>(
    name,
    isVector(n),
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c)
      if (u.length !== n) return t.failure(u, c, `expected ${count(n)}, got ${u.length}`)
      const out = new Float32Array(n)
      for (let i = 0; i < n; i++) {
        const v: unknown = u[i]
        const problem = entryProblem(v)
        if (problem !== undefined) return t.failure(v, t.appendContext(c, String(i), t.number, v), problem)
        out[i] = v as number
      }
      return t.success(out)
    },
    t.identity,
  )

/** A class vector must be one-hot or a probability vector, judged on the float32 values it becomes. */
const classVector = (y: Float32Array, u: readonly unknown[], c: t.Context): t.Validation<Float32Array> => {
  if (isClassVector(y)) return t.success(y)
  const bad = firstNonProbability(y)
  if (bad < 0) {
    return t.failure(u, c, `expected a one-hot or probability vector, got a sum of ${Number(total(y).toPrecision(6))}`)
  }
  const context = t.appendContext(c, String(bad), t.number, u[bad])
  return t.failure(u[bad], context, `expected a probability in [0, 1], got ${show(u[bad])}`)
}

/** The `y` field: `targets` numbers; also a bare number for one target, or a class index when `classes`. */
const target = ({ targets: n, classes }: EventShape): t.Type<Float32Array, Float32Array, unknown> => {
  const name = classes
    ? `a class index or ${count(n)}`
    : n === 1
      ? 'a number or an array of 1 number'
      : `an array of ${count(n)}`
  const vector = numbers(n, name)
  return new t.Type<Float32Array, Float32Array, unknown>(
    name,
    isVector(n),
    (u, c) => {
      if (Array.isArray(u)) {
        return pipe(
          vector.validate(u, c),
          E.chain((y) => (classes ? classVector(y, u, c) : t.success(y))),
        )
      }
      if (typeof u !== 'number' || (n !== 1 && !classes)) return t.failure(u, c)
      if (!classes) {
        const problem = entryProblem(u)
        return problem === undefined ? t.success(Float32Array.of(u)) : t.failure(u, c, problem)
      }
      if (isClassIndex(u, n)) return t.success(oneHot(u, n))
      return Number.isInteger(u)
        ? t.failure(u, c, `expected a class index in 0..${n - 1}, got ${show(u)}`)
        : t.failure(u, c)
    },
    t.identity,
  )
}

/** The codec of one parsed event for `shape`: an object with `x` and `y`; other fields are ignored. */
export const EventCodec = (shape: EventShape): t.Type<Sample, Sample, unknown> => {
  const fields = { x: numbers(shape.inputs, `an array of ${count(shape.inputs)}`), y: target(shape) }
  return new t.Type<Sample, Sample, unknown>(
    'an event',
    (u): u is Sample => isObject(u) && isVector(shape.inputs)(u.x) && isVector(shape.targets)(u.y),
    (u, c) => {
      if (!isObject(u)) return notAnObject(u, c)
      const errors: t.ValidationError[] = []
      const decoded: { x?: Float32Array; y?: Float32Array } = {}
      for (const key of ['x', 'y'] as const) {
        const value = Object.hasOwn(u, key) ? u[key] : undefined
        const context = t.appendContext(c, key, fields[key], value)
        if (value === undefined) {
          errors.push({ value, context, message: 'missing' })
        } else {
          const r = fields[key].validate(value, context)
          if (E.isLeft(r)) errors.push(...r.left)
          else decoded[key] = r.right
        }
      }
      const { x, y } = decoded
      return x !== undefined && y !== undefined && errors.length === 0 ? t.success({ x, y }) : t.failures(errors)
    },
    t.identity,
  )
}

// Decoders are built once per shape object; callers pass the same shape for a whole stream.
const codecs = new WeakMap<EventShape, t.Type<Sample, Sample, unknown>>()
const codecFor = (shape: EventShape): t.Type<Sample, Sample, unknown> => {
  const known = codecs.get(shape)
  if (known !== undefined) return known
  const made = EventCodec(shape)
  codecs.set(shape, made)
  return made
}

/** Decodes one event line (without its line break) by JSON.parse and the codec; errors joined by `; `. */
export const decodeEventByCodec = (line: string, shape: EventShape): E.Either<string, Sample> =>
  pipe(
    E.tryCatch(
      () => JSON.parse(line) as unknown,
      () => `invalid JSON: ${describeJsonError(line, { lines: false })}`,
    ),
    E.chain((json) => pipe(codecFor(shape).decode(json), E.mapLeft((errors) => formatErrors(errors).join('; ')))),
  )
