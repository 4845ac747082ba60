/**
 * What one contender run reports, and how the harness reads it back. A contender child prints its
 * result as the last line of its stdout, `{"result": {...}}` (or `{"skipped": "why"}`); the
 * streamprop CLI is read from the summary line its `--metrics` file ends with. Parsers return an
 * Error (never throw) so that one broken contender is reported in the table instead of ending the
 * whole benchmark.
 */

/** A contender that cannot run here, and why (no torch, no src/fast/, …). */
export interface Skipped {
  readonly skipped: string
}

/** One run of one contender on one workload. */
export interface RunResult {
  /** Training events processed (over all epochs). */
  readonly events: number
  /** Time of the measured section: reading, parsing and training end to end, or the steps alone. */
  readonly seconds: number
  /** Test accuracy in [0, 1] after the run (W3, full epochs only). */
  readonly accuracy?: number
  /** Peak resident set size of the process, in kilobytes. */
  readonly maxRssKb?: number
  /** Microseconds per event spent in each named stage (step-only streamprop). */
  readonly stages?: { readonly [stage: string]: number }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/** A RunResult from a parsed JSON value, or an Error naming the first field that is wrong. */
export const toRunResult = (v: unknown): RunResult | Error => {
  if (!isRecord(v)) return new Error('result: expected an object')
  if (!finite(v.events) || v.events < 0) return new Error(`result.events: expected a count, got ${JSON.stringify(v.events)}`)
  if (!finite(v.seconds) || v.seconds <= 0) return new Error(`result.seconds: expected a positive number, got ${JSON.stringify(v.seconds)}`)
  if (v.accuracy !== undefined && !finite(v.accuracy)) return new Error('result.accuracy: expected a number')
  if (v.maxRssKb !== undefined && !finite(v.maxRssKb)) return new Error('result.maxRssKb: expected a number')
  if (v.stages !== undefined && !(isRecord(v.stages) && Object.values(v.stages).every(finite))) {
    return new Error('result.stages: expected an object of numbers')
  }
  return {
    events: v.events,
    seconds: v.seconds,
    ...(v.accuracy === undefined ? {} : { accuracy: v.accuracy }),
    ...(v.maxRssKb === undefined ? {} : { maxRssKb: v.maxRssKb }),
    ...(v.stages === undefined ? {} : { stages: v.stages as Record<string, number> }),
  }
}

const lastLine = (text: string): string => {
  const lines = text.split('\n').filter((l) => l.trim() !== '')
  return lines[lines.length - 1] ?? ''
}

const parseJson = (line: string): unknown => {
  try {
    return JSON.parse(line)
  } catch {
    return undefined
  }
}

/** The result a contender child printed as its last stdout line: `{"result": {...}}` or `{"skipped": "why"}`. */
export const parseChildResult = (stdout: string): RunResult | Skipped | Error => {
  const line = lastLine(stdout)
  const v = parseJson(line)
  if (isRecord(v) && typeof v.skipped === 'string') return { skipped: v.skipped }
  if (!isRecord(v) || !('result' in v)) return new Error(`no result line in the output (last line: ${JSON.stringify(line.slice(0, 200))})`)
  return toRunResult(v.result)
}

/**
 * The result of a `streamprop train --metrics` run from its metrics file: the final
 * `{"summary": {...}}` line gives seconds and eventsPerSecond (events = their product, which is
 * what the CLI trained over all epochs) and, with a test source, the test accuracy.
 */
export const parseCliSummary = (metrics: string, maxRssKb?: number): RunResult | Error => {
  const line = lastLine(metrics)
  const v = parseJson(line)
  if (!isRecord(v) || !isRecord(v.summary)) return new Error(`no summary line at the end of the metrics (last line: ${JSON.stringify(line.slice(0, 200))})`)
  const s = v.summary
  if (!finite(s.seconds) || !finite(s.eventsPerSecond)) return new Error('summary: seconds or eventsPerSecond missing')
  const accuracy = isRecord(s.test) && finite(s.test.accuracy) ? s.test.accuracy : undefined
  return toRunResult({
    events: Math.round(s.seconds * s.eventsPerSecond),
    seconds: s.seconds,
    ...(accuracy === undefined ? {} : { accuracy }),
    ...(maxRssKb === undefined ? {} : { maxRssKb }),
  })
}

/** The line a contender child prints last. */
export const resultLine = (r: RunResult): string => JSON.stringify({ result: r })

/** Whether a parsed outcome is a skip. */
export const isSkipped = (r: RunResult | Skipped | Error): r is Skipped => !(r instanceof Error) && 'skipped' in r
