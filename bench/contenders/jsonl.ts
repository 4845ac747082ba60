/**
 * The JSONL reading every JavaScript contender shares: the file read in 1 MiB chunks and split on
 * '\n', each line through JSON.parse, examples stacked into Float32Array batches in stream order.
 * This is what a user of a JavaScript library would write; streamprop's own reader is not used.
 */
import { closeSync, openSync, readSync } from 'node:fs'

/** The lines of a file, read lazily in chunks (blank lines dropped). */
export function* fileLines(path: string): Generator<string> {
  const fd = openSync(path, 'r')
  const chunk = Buffer.alloc(1 << 20)
  const decoder = new TextDecoder()
  let rest = ''
  try {
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) {
      const parts = (rest + decoder.decode(chunk.subarray(0, n), { stream: true })).split('\n')
      rest = parts.pop() ?? ''
      for (const p of parts) if (p.trim() !== '') yield p
    }
    rest += decoder.decode()
    if (rest.trim() !== '') yield rest
  } finally {
    closeSync(fd)
  }
}

/** n examples stacked row-major: x [n, inputs], y [n, outputs] (class indices one-hot when `classes`). */
export interface ParsedBatch {
  readonly n: number
  readonly x: Float32Array
  readonly y: Float32Array
  /** Class index per example when the targets are classes. */
  readonly labels?: Int32Array
  /** The parsed events themselves (brain.js wants plain arrays). */
  readonly events: readonly ParsedEvent[]
}

/** One line after JSON.parse. */
export interface ParsedEvent {
  readonly x: readonly number[]
  readonly y: number | readonly number[]
}

/** What the events look like: widths, and whether y is a class index to one-hot encode. */
export interface EventLayout {
  readonly inputs: number
  readonly outputs: number
  readonly classes: boolean
}

/** Stacks parsed events `{x, y}` into one batch. */
export const stackEvents = (events: readonly ParsedEvent[], layout: EventLayout): ParsedBatch => {
  const n = events.length
  const x = new Float32Array(n * layout.inputs)
  const y = new Float32Array(n * layout.outputs)
  const labels = layout.classes ? new Int32Array(n) : undefined
  events.forEach((e, i) => {
    x.set(e.x, i * layout.inputs)
    if (labels !== undefined) {
      labels[i] = e.y as number
      y[i * layout.outputs + (e.y as number)] = 1
    } else if (typeof e.y === 'number') y[i * layout.outputs] = e.y
    else y.set(e.y, i * layout.outputs)
  })
  return { n, x, y, ...(labels === undefined ? {} : { labels }), events }
}

/** Batches of `size` parsed from the lines of `path`, in order; a short last batch as it is. */
export function* parsedBatches(path: string, size: number, layout: EventLayout): Generator<ParsedBatch> {
  let pending: ParsedEvent[] = []
  for (const line of fileLines(path)) {
    pending.push(JSON.parse(line) as ParsedEvent)
    if (pending.length === size) {
      yield stackEvents(pending, layout)
      pending = []
    }
  }
  if (pending.length > 0) yield stackEvents(pending, layout)
}
