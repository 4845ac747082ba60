/** The hold-out set: a finite source read once into batches, its bad lines counted. */
import { lastValueFrom, toArray } from 'rxjs'
import { minibatches } from '../../pipeline/batching.js'
import type { Batch } from '../../pipeline/records.js'
import type { SourceSpec } from '../../spec/source.js'
import type { EventShape } from '../../spec/widths.js'
import { type Tally, decodeCounted } from '../../sources/decode.js'
import type { Io } from '../io.js'
import { openFileSource } from './source.js'

/** Batches of the test source and the counts of reading it. */
export interface TestSet {
  readonly batches: readonly Batch[]
  readonly tally: Tally
}

/** Reads the whole test source (evaluation needs all of it at each evaluation). */
export const readTestSet = async (source: SourceSpec, dir: string, io: Io, shape: EventShape, batchSize = 1024): Promise<TestSet> => {
  let tally: Tally = { events: 0, trained: 0, deadLettered: 0, skipped: 0 }
  const batches = await lastValueFrom(
    openFileSource(source, dir, io).records.pipe(
      decodeCounted(shape, { onTally: (t) => (tally = t) }),
      minibatches(batchSize),
      toArray(),
    ),
  )
  return { batches, tally }
}
