/** From the text of a spec file to a checked Spec, or every problem as a line for the CLI to print. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as t from 'io-ts'
import { checkSections, checkSpec, type Sections } from './check.js'
import { isObject } from './codecs.js'
import { formatErrors } from './format.js'
import { describeJsonError } from './json.js'
import { LossSpec, ModelSpec } from './model.js'
import { OptimizerSpec } from './optimizer.js'
import { DataSpec, Spec } from './spec.js'

const section = <A>(codec: t.Decoder<unknown, A>, value: unknown): A | undefined =>
  pipe(
    codec.decode(value),
    E.getOrElseW(() => undefined),
  )

/** The sections of a spec that decode on their own, so cross-field rules can still run beside codec errors. */
const sectionsOf = (json: unknown): Sections =>
  isObject(json)
    ? {
        model: section(ModelSpec, json.model),
        loss: section(LossSpec, json.loss),
        optimizer: section(OptimizerSpec, json.optimizer),
        data: section(DataSpec, json.data),
      }
    : { model: undefined, loss: undefined, optimizer: undefined, data: undefined }

/**
 * Parses, decodes and cross-checks a spec: codec errors, then the cross-field problems of the
 * sections that did decode. No line names the file (`_file` is part of the agreed signature; the
 * CLI prefixes it). A leading byte-order mark, as some editors write, is ignored.
 */
export const parseSpec = (text: string, _file: string): E.Either<readonly string[], Spec> => {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return pipe(
    E.tryCatch(
      () => JSON.parse(body) as unknown,
      () => [`invalid JSON: ${describeJsonError(body, { lines: true })}`],
    ),
    E.chain((json) =>
      pipe(
        Spec.decode(json),
        E.mapLeft((errors) => [...formatErrors(errors), ...checkSections(sectionsOf(json))]),
      ),
    ),
    E.chain((spec) => {
      const problems = checkSpec(spec)
      return problems.length > 0 ? E.left(problems) : E.right(spec)
    }),
  )
}
