/**
 * The measured loop every JavaScript contender child runs, so they all time the same thing the
 * streamprop CLI times: from opening the training file to the last step, each epoch re-reading
 * and re-parsing the file, and (with a test set) an evaluation at each epoch end. Reading the
 * test set, building the model and loading the initial parameters happen before the clock starts. A run with a time budget stops at the first batch boundary after it.
 */
import { resultLine, type RunResult } from '../harness/result.js'
import { type EventLayout, type ParsedBatch, type ParsedEvent, fileLines, parsedBatches, stackEvents } from './jsonl.js'
import { type MlpJob, fullRun } from './job.js'

/** What a contender does with batches. */
export interface Trainer {
  /** One optimizer step on a batch. */
  readonly step: (b: ParsedBatch) => void
  /** Events handed to `step` at once when it is not the batch size (brain.js updates per event whatever it is given). */
  readonly chunk?: number
  /** Share of the test examples whose arg-max output is their label; absent for regression. */
  readonly accuracy?: (test: ParsedBatch) => number
}

/** The widths of a job's events. */
export const layoutOf = (job: MlpJob): EventLayout => ({
  inputs: job.sizes[0],
  outputs: job.sizes[job.sizes.length - 1],
  classes: job.head === 'softmax',
})

/** The whole test file as one batch. */
export const readTestBatch = (path: string, layout: EventLayout): ParsedBatch =>
  stackEvents(Array.from(fileLines(path), (l) => JSON.parse(l) as ParsedEvent), layout)

/** Runs a job through a trainer end to end and returns the measurement. */
export const measure = (job: MlpJob, trainer: Trainer): RunResult => {
  const layout = layoutOf(job)
  const test = job.test !== undefined && trainer.accuracy !== undefined && fullRun(job) ? readTestBatch(job.test, layout) : undefined
  const deadline = job.budget === 0 ? Number.POSITIVE_INFINITY : job.budget * 1000
  let events = 0
  let accuracy: number | undefined
  const started = performance.now()
  const late = (): boolean => performance.now() - started > deadline
  for (let epoch = 0; epoch < job.epochs && !late(); epoch++) {
    for (const b of parsedBatches(job.train, trainer.chunk ?? job.batchSize, layout)) {
      trainer.step(b)
      events += b.n
      if (late()) break
    }
    if (test !== undefined && trainer.accuracy !== undefined) accuracy = trainer.accuracy(test)
  }
  const seconds = (performance.now() - started) / 1000
  return { events, seconds, ...(accuracy === undefined ? {} : { accuracy }), maxRssKb: process.resourceUsage().maxRSS }
}

/** Share of rows of `scores` [n, classes] whose arg-max is the label. */
export const argmaxAccuracy = (scores: Float32Array, labels: Int32Array, classes: number): number => {
  let right = 0
  for (let i = 0; i < labels.length; i++) {
    let best = 0
    for (let c = 1; c < classes; c++) if (scores[i * classes + c] > scores[i * classes + best]) best = c
    if (best === labels[i]) right++
  }
  return right / Math.max(labels.length, 1)
}

/** Prints the result line the harness reads. */
export const report = (r: RunResult): void => {
  process.stdout.write(`${resultLine(r)}\n`)
}
