/**
 * The full training state as one safetensors file: parameters under their torch names, optimizer
 * slots under `optimizer.<param>.<slot>`, and a JSON record (step, epoch, stream position, counts,
 * seed) in `__metadata__`. Resuming from it continues the run bit for bit.
 */
import { type Either, flatMap, left, right } from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Params } from '../tensor/params.js'
import type { JsonObject } from './json.js'
import { type Expected, matchShapes } from './match.js'
import { decodeState, encodeState } from './state.js'

/** The prefix of optimizer slot tensors. */
export const OPTIMIZER_PREFIX = 'optimizer.'

/** The format tag of the state record, checked when reading. */
export const STATE_FORMAT = 'streamprop-state/1'

/** Where and how far a run had got when its state was written. */
export interface TrainingRecord {
  /** Optimizer steps applied so far. */
  readonly step: number
  /** The pass over the source in progress (0-based); a finished epoch e is recorded as epoch e + 1, batch 0. */
  readonly epoch: number
  /** Batches of `epoch` already trained on. */
  readonly batches: number
  /**
   * The last record trained on: its line (or broker stream sequence), for files the byte after
   * it, and for Redis Streams its entry ID.
   */
  readonly position: { readonly line: number; readonly end?: number; readonly id?: string } | null
  /** Counts of the first pass so far. */
  readonly tally: { readonly events: number; readonly trained: number; readonly deadLettered: number; readonly skipped: number }
  /** The seed every random draw derives from (shuffles fold in the epoch, so no draw counter is needed). */
  readonly seed: number
  /** Steps the non-finite guard refused. */
  readonly refused: number
}

/** A decoded state: parameters, optimizer slots (without the prefix) and their step count, and the record. */
export interface TrainingState {
  readonly params: Params
  readonly slots: { readonly tensors: Params; readonly step: number }
  readonly record: TrainingRecord
}

/** The bytes of a state file. */
export const encodeTrainingState = ({ params, slots, record }: TrainingState): Uint8Array => {
  const prefixed = Object.fromEntries(Object.entries(slots.tensors).map(([n, t]) => [OPTIMIZER_PREFIX + n, t]))
  const meta = { format: STATE_FORMAT, ...record, optimizerStep: slots.step }
  return encodeState({ tensors: { ...params, ...prefixed }, meta })
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

/** The record's fields, checked one by one. */
const readRecord = (meta: JsonObject): Either<string, TrainingRecord & { readonly optimizerStep: number }> => {
  if (meta.format !== STATE_FORMAT) return left(`not a streamprop training state (format ${JSON.stringify(meta.format)}, expected "${STATE_FORMAT}")`)
  for (const f of ['step', 'epoch', 'batches', 'optimizerStep', 'refused'] as const) {
    if (!isCount(meta[f])) return left(`state record: ${f} must be a count, got ${JSON.stringify(meta[f])}`)
  }
  if (typeof meta.seed !== 'number' || !Number.isSafeInteger(meta.seed)) return left(`state record: seed must be an integer, got ${JSON.stringify(meta.seed)}`)
  const tally = meta.tally as JsonObject | null
  if (typeof tally !== 'object' || tally === null || !['events', 'trained', 'deadLettered', 'skipped'].every((k) => isCount(tally[k]))) {
    return left(`state record: tally must hold the counts events, trained, deadLettered and skipped`)
  }
  const position = meta.position as JsonObject | null
  if (
    position !== null &&
    (typeof position !== 'object' ||
      !isCount(position.line) ||
      (position.end !== undefined && !isCount(position.end)) ||
      (position.id !== undefined && typeof position.id !== 'string'))
  ) {
    return left(`state record: position must be null or {line, end?, id?}, got ${JSON.stringify(position)}`)
  }
  return right(meta as unknown as TrainingRecord & { readonly optimizerStep: number })
}

/** The state in `bytes`, with parameters checked against the model's names and shapes. */
export const decodeTrainingState = (bytes: Uint8Array, expected: Expected): Either<readonly string[], TrainingState> =>
  pipe(
    decodeState(bytes),
    flatMap((s) => pipe(readRecord(s.meta), flatMap((record) => right({ s, record })))),
    (e) => (e._tag === 'Left' ? left([e.left] as readonly string[]) : right(e.right)),
    flatMap(({ s, record }) => {
      const names = Object.keys(s.tensors)
      const slotNames = names.filter((n) => n.startsWith(OPTIMIZER_PREFIX))
      const params = Object.fromEntries(names.filter((n) => !n.startsWith(OPTIMIZER_PREFIX)).map((n) => [n, s.tensors[n]]))
      const tensors = Object.fromEntries(slotNames.map((n) => [n.slice(OPTIMIZER_PREFIX.length), s.tensors[n]]))
      const { optimizerStep, ...rest } = record
      return pipe(
        matchShapes(params, expected),
        flatMap((matched) => right({ params: matched, slots: { tensors, step: optimizerStep }, record: rest })),
      )
    }),
  )
