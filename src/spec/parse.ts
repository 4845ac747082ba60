/** From the text of a spec file to a checked Spec, or every problem as a line for the CLI to print. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { checkSpec } from './check.js'
import { formatErrors } from './format.js'
import { describeJsonError } from './json.js'
import { Spec } from './spec.js'

/**
 * Parses, decodes and cross-checks a spec: codec errors first, and when there are none, the
 * cross-field ones. No line names the file (`_file` is part of the agreed signature; the CLI
 * prefixes it). A leading byte-order mark, as some editors write, is ignored.
 */
export const parseSpec = (text: string, _file: string): E.Either<readonly string[], Spec> => {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return pipe(
    E.tryCatch(
      () => JSON.parse(body) as unknown,
      () => [`invalid JSON: ${describeJsonError(body, { lines: true })}`],
    ),
    E.chain((json) => pipe(Spec.decode(json), E.mapLeft(formatErrors))),
    E.chain((spec) => {
      const problems = checkSpec(spec)
      return problems.length > 0 ? E.left(problems) : E.right(spec)
    }),
  )
}
