/** Checkpoint files: parameters only (`--out`, `--init`, `--checkpoint`) and the full training state (`--state`, `--resume`). */
import * as E from 'fp-ts/lib/Either.js'
import { matchShapes } from '../checkpoint/match.js'
import { decodeSafetensors } from '../checkpoint/safetensors/decode.js'
import { encodeSafetensors } from '../checkpoint/safetensors/encode.js'
import { type TrainingState, decodeTrainingState, encodeTrainingState } from '../checkpoint/training.js'
import type { Params } from '../tensor/params.js'
import type { Shape } from '../tensor/shape.js'
import { RunFailure } from './failure.js'
import { readBytes, writeAtomic } from './files.js'

/** Names and shapes a model expects. */
export type Expected = { readonly [name: string]: Shape }

/** The parameters in a safetensors file, checked against the model's names and shapes. */
export const readParams = (path: string, expected: Expected): Params => {
  const decoded = decodeSafetensors(readBytes(path))
  if (E.isLeft(decoded)) throw new RunFailure(`${path}: ${decoded.left}`)
  const matched = matchShapes(decoded.right.tensors, expected)
  if (E.isLeft(matched)) throw new RunFailure(matched.left.map((l) => `${path}: ${l} (does the checkpoint belong to this spec?)`))
  return matched.right
}

/** Writes parameters only, named as torch.nn.Sequential's state_dict, atomically. */
export const writeParams = (path: string, params: Params): void => writeAtomic(path, encodeSafetensors(params))

/** The training state in a file, its parameters checked against the model. */
export const readTrainingState = (path: string, expected: Expected): TrainingState => {
  const decoded = decodeTrainingState(readBytes(path), expected)
  if (E.isLeft(decoded)) throw new RunFailure(decoded.left.map((l) => `${path}: ${l}`))
  return decoded.right
}

/** Writes the full training state atomically (temp file, fsync, rename). */
export const writeTrainingState = (path: string, state: TrainingState): void => writeAtomic(path, encodeTrainingState(state))

/** The names and shapes of a parameter set. */
export const shapesOf = (p: Params): Expected => Object.fromEntries(Object.entries(p).map(([n, t]) => [n, t.shape]))
