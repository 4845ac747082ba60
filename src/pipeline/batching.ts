/**
 * Minibatching in stream order: by count, or by time window with a maximum count. `bufferCount`
 * flushes a short last group when its source completes, which gives the contract's "the last
 * partial batch of an epoch is used as is" when each epoch is its own source.
 */
import { type OperatorFunction, type SchedulerLike, asyncScheduler, bufferCount, bufferTime, filter, map, pipe } from 'rxjs'
import type { Numbered, Sample } from '../spec/records.js'
import type { Batch } from './records.js'
import { freshFloats } from '../tensor/slab.js'

/** What a source said about a sample besides its value; a loop, since a rest spread is slow here per batch. */
const withoutValue = (sample: Numbered<Sample>): NonNullable<Batch['last']> => {
  const out: { line: number; [field: string]: unknown } = { line: sample.line }
  for (const k in sample) if (k !== 'value') out[k] = (sample as unknown as Record<string, unknown>)[k]
  return out
}

/**
 * Stacks samples (all of one width, Float32Array rows nobody writes to afterwards) into a batch,
 * rows in the given order. A batch of one holds its sample's own rows.
 */
export const stack = (samples: readonly Numbered<Sample>[], epoch = 0): Batch => {
  if (samples.length === 0) throw new RangeError('stack: a batch needs at least one sample')
  const inputs = samples[0].value.x.length
  const targets = samples[0].value.y.length
  if (samples.length === 1) {
    // A batch of one is its sample's rows: nothing writes to either after decoding, so they can be shared.
    const s = samples[0]
    return { x: { shape: [1, inputs], data: s.value.x }, y: { shape: [1, targets], data: s.value.y }, lines: [s.line], epoch, last: withoutValue(s) }
  }
  const x = freshFloats(samples.length * inputs)
  const y = freshFloats(samples.length * targets)
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]
    if (s.value.x.length !== inputs || s.value.y.length !== targets) {
      throw new RangeError(`stack: sample at ${s.line} has ${s.value.x.length}/${s.value.y.length} values, the first ${inputs}/${targets}`)
    }
    x.set(s.value.x, i * inputs)
    y.set(s.value.y, i * targets)
  }
  return {
    x: { shape: [samples.length, inputs], data: x },
    y: { shape: [samples.length, targets], data: y },
    lines: samples.map((s) => s.line),
    epoch,
    last: withoutValue(samples[samples.length - 1]),
  }
}

/** Groups samples in stream order into batches of `size`; a short final group is emitted as it is. */
export const minibatches = (size: number, epoch = 0): OperatorFunction<Numbered<Sample>, Batch> =>
  // Online learning's batches of one skip bufferCount's bookkeeping, a list of open buffers per sample.
  size === 1
    ? map((sample) => stack([sample], epoch))
    : pipe(
        bufferCount(size),
        map((group) => stack(group, epoch)),
      )

/** Groups the samples of each `ms` window (at most `maxSize` per batch), in stream order; empty windows emit nothing. */
export const minibatchesByTime = (
  ms: number,
  maxSize: number,
  scheduler: SchedulerLike = asyncScheduler,
  epoch = 0,
): OperatorFunction<Numbered<Sample>, Batch> =>
  pipe(
    bufferTime(ms, null, maxSize, scheduler),
    filter((group) => group.length > 0),
    map((group) => stack(group, epoch)),
  )
