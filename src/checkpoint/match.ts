/**
 * Checks decoded tensors against the names and shapes a model expects, so a checkpoint for
 * another spec is refused with every difference listed, not with a shape error mid-training.
 */
import { type Either, left, right } from 'fp-ts/lib/Either.js'
import type { Params } from '../tensor/params.js'
import { type Shape, sameShape, showShape } from '../tensor/shape.js'
import { showName } from './safetensors/show.js'

/** The expected names and shapes, e.g. those of a model's freshly initialised Params. */
export type Expected = { readonly [name: string]: Shape }

/** `tensors` in the order of `expected`, or one line per missing, misshapen or unexpected tensor. */
export const matchShapes = (tensors: Params, expected: Expected): Either<readonly string[], Params> => {
  // Own properties only: a tensor named `constructor` must not match Object.prototype's.
  const has = Object.hasOwn
  const problems: string[] = []
  for (const name of Object.keys(expected)) {
    const want = showShape(expected[name])
    if (!has(tensors, name)) problems.push(`${showName(name)}: missing, expected shape ${want}`)
    else if (!sameShape(tensors[name].shape, expected[name])) {
      problems.push(`${showName(name)}: expected shape ${want}, got ${showShape(tensors[name].shape)}`)
    }
  }
  for (const name of Object.keys(tensors)) {
    if (!has(expected, name)) {
      problems.push(`${showName(name)}: unexpected tensor of shape ${showShape(tensors[name].shape)}`)
    }
  }
  if (problems.length > 0) return left(problems)
  return right(Object.fromEntries(Object.keys(expected).map((n) => [n, tensors[n]])))
}
