/**
 * Training for the lecture, through the same pipeline a user runs: samples are shuffled per epoch
 * with a key, grouped into minibatches in stream order, and fed to the `train` operator.
 */
import { type Observable, concat, from, lastValueFrom, tap } from 'rxjs'
import type { Net } from '../../../graph/net.js'
import type { Transform } from '../../../optim/transform.js'
import { minibatches, stack } from '../../../pipeline/batching.js'
import type { Batch, Stepped } from '../../../pipeline/records.js'
import { shuffleEpoch } from '../../../pipeline/shuffle.js'
import { train } from '../../../pipeline/train.js'
import type { Numbered, Sample } from '../../../spec/records.js'
import type { Params } from '../../../tensor/params.js'
import type { Key } from '../../../tensor/random.js'
import type { Tensor } from '../../../tensor/tensor.js'

/** The parameters after the last step and the batch loss before each step (as `--metrics` records it). */
export interface Fitted {
  readonly params: Params
  readonly losses: readonly number[]
}

/** Trains `net` from `params` on `batches`, in order, with the optimizer `tx`; `watch` sees every step. */
export const fit = async <S>(
  net: Net,
  tx: Transform<S>,
  params: Params,
  batches: Observable<Batch>,
  watch: (s: Stepped) => void = () => {},
): Promise<Fitted> => {
  const losses: number[] = []
  const config = { net, optimizer: tx, frozen: new Set<string>() }
  const last = await lastValueFrom(
    batches.pipe(
      train({ step: 0, params, optState: tx.init(params) }, config),
      tap((s) => {
        losses.push(s.loss)
        watch(s)
      }),
    ),
  )
  return { params: last.params, losses }
}

/** The same full batch `steps` times: plain (full-batch) gradient descent. */
export const fullBatches = (x: Tensor, y: Tensor, steps: number): Observable<Batch> => {
  const lines = Array.from({ length: x.shape[0] }, (_, i) => i + 1)
  return from(Array.from({ length: steps }, (): Batch => ({ x, y, lines, epoch: 0 })))
}

/** `epochs` passes over the samples, each in the order of a permutation drawn from `k` for that epoch. */
export const shuffledBatches = (samples: readonly Numbered<Sample>[], batchSize: number, epochs: number, k: Key): Observable<Batch> =>
  concat(...Array.from({ length: epochs }, (_, e) => from(samples).pipe(shuffleEpoch<Numbered<Sample>>(k, e), minibatches(batchSize, e))))

/** Samples numbered from 1 out of plain rows. */
export const numbered = (rows: readonly { readonly x: readonly number[]; readonly y: readonly number[] }[]): Numbered<Sample>[] =>
  rows.map((r, i) => ({ line: i + 1, value: { x: Float32Array.from(r.x), y: Float32Array.from(r.y) } }))

/** All samples as one batch, for evaluating on a whole set. */
export const wholeSet = (samples: readonly Numbered<Sample>[]): Batch => stack(samples)
