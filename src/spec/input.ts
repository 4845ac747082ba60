/** Decoding the input of one prediction: an event line whose `y`, if present, is ignored. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { isObject, notAnObject } from './codecs.js'
import { withoutCr } from './event.js'
import { numbers } from './eventCodec.js'
import { formatErrors } from './format.js'
import { describeJsonError } from './json.js'

/** The x of an event line for a model with `inputs` inputs, or why not (naming the field). */
export const decodeInput = (raw: string, inputs: number): E.Either<string, Float32Array> => {
  const line = withoutCr(raw)
  const x = numbers(inputs, `an array of ${inputs} number${inputs === 1 ? '' : 's'}`)
  return pipe(
    E.tryCatch(
      () => JSON.parse(line) as unknown,
      () => `invalid JSON: ${describeJsonError(line, { lines: false })}`,
    ),
    E.chain((u) => {
      const c = t.getDefaultContext(x)
      if (!isObject(u)) return E.mapLeft((errors: t.Errors) => formatErrors(errors).join('; '))(notAnObject<Float32Array>(u, c))
      if (!Object.hasOwn(u, 'x')) return E.left('x: missing')
      return E.mapLeft((errors: t.Errors) => formatErrors(errors).join('; '))(x.validate(u.x, t.appendContext(c, 'x', x, u.x)))
    }),
  )
}
