/**
 * Training-state files: tensors (parameters and `optimizer.<param>.<slot>` slots, named by the
 * caller) plus one JSON record (step, epoch, stream position, RNG state…) stored as a single
 * string under `__metadata__`, since the format allows only string values there. The record's
 * own shape is the caller's to define and validate; here it only has to be exact JSON.
 */
import { type Either, flatMap, left, map, right } from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Params } from '../tensor/params.js'
import { type JsonObject, assertExactJson } from './json.js'
import { decodeSafetensors } from './safetensors/decode.js'
import { encodeSafetensors } from './safetensors/encode.js'
import { METADATA_KEY } from './safetensors/format.js'
import { showKind } from './safetensors/show.js'

/** The `__metadata__` key that holds the state record, JSON-encoded. */
export const STATE_KEY = 'streamprop.state'

/** A training state as stored: named tensors and a JSON record. */
export interface State {
  readonly tensors: Params
  readonly meta: JsonObject
}

/** `__metadata__` holding `meta` as JSON; throws (naming the field) if meta would not round-trip exactly. */
export const writeMeta = (meta: object): { readonly [key: string]: string } => {
  assertExactJson(meta, 'meta')
  if (Array.isArray(meta)) throw new TypeError('meta: expected an object, got an array')
  return { [STATE_KEY]: JSON.stringify(meta) }
}

/** The record that writeMeta stored in `metadata`, or why there is none. */
export const readMeta = (metadata: { readonly [key: string]: string }): Either<string, JsonObject> => {
  const where = `${METADATA_KEY}.${STATE_KEY}`
  if (!Object.hasOwn(metadata, STATE_KEY)) return left(`${METADATA_KEY} has no ${STATE_KEY} entry (is this a state file?)`)
  let parsed: unknown
  try {
    parsed = JSON.parse(metadata[STATE_KEY])
  } catch {
    return left(`${where} is not valid JSON`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return left(`${where}: expected a JSON object, got ${showKind(parsed)}`)
  }
  return right(parsed as JsonObject)
}

/** The bytes of a state file holding `tensors` and `meta`. */
export const encodeState = ({ tensors, meta }: { readonly tensors: Params; readonly meta: object }): Uint8Array =>
  encodeSafetensors(tensors, writeMeta(meta))

/** The tensors and record of a state file, or its first problem as one line. */
export const decodeState = (bytes: Uint8Array): Either<string, State> =>
  pipe(
    decodeSafetensors(bytes),
    flatMap(({ tensors, metadata }) => pipe(readMeta(metadata), map((meta) => ({ tensors, meta })))),
  )
