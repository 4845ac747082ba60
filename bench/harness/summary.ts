/** From the runs of all rounds to one line per contender and workload: medians, ranges, ratios. */
import type { WorkloadId } from '../workloads.js'
import type { Contender, Outcome } from './contenders.js'
import { isSkipped } from './result.js'
import { median, range } from './stats.js'

/** One run, as the rounds record it. */
export interface Trial {
  readonly workload: WorkloadId
  readonly contender: string
  readonly round: number
  readonly outcome: Outcome
}

/** A contender's runs on one workload, summarized. */
export interface Summary {
  readonly workload: WorkloadId
  readonly contender: Contender
  /** Events per second of each successful run. */
  readonly rates: readonly number[]
  readonly medianRate: number
  readonly min: number
  readonly max: number
  readonly medianEvents: number
  /** Median test accuracy of the runs that report one. */
  readonly accuracy: number | null
  /** Largest peak RSS over the runs, kilobytes. */
  readonly maxRssKb: number | null
  /** Median µs per event of each stage. */
  readonly stages: { readonly [stage: string]: number }
  readonly errors: readonly string[]
  readonly skipped: string | null
}

/** The summary of `contender` on `workload` from all trials. */
export const summarize = (trials: readonly Trial[], workload: WorkloadId, contender: Contender): Summary => {
  const mine = trials.filter((t) => t.workload === workload && t.contender === contender.id).map((t) => t.outcome)
  const runs = mine.flatMap((o) => (o instanceof Error || isSkipped(o) ? [] : [o]))
  const rates = runs.map((r) => r.events / r.seconds)
  const { min, max } = range(rates)
  const accuracies = runs.flatMap((r) => (r.accuracy === undefined ? [] : [r.accuracy]))
  const rss = runs.flatMap((r) => (r.maxRssKb === undefined ? [] : [r.maxRssKb]))
  const stageNames = [...new Set(runs.flatMap((r) => Object.keys(r.stages ?? {})))]
  const skip = mine.find(isSkipped)
  return {
    workload,
    contender,
    rates,
    medianRate: median(rates),
    min,
    max,
    medianEvents: median(runs.map((r) => r.events)),
    accuracy: accuracies.length === 0 ? null : median(accuracies),
    maxRssKb: rss.length === 0 ? null : Math.max(...rss),
    stages: Object.fromEntries(stageNames.map((s) => [s, median(runs.flatMap((r) => (r.stages?.[s] === undefined ? [] : [r.stages[s]])))])),
    errors: [...new Set(mine.flatMap((o) => (o instanceof Error ? [o.message] : [])))],
    skipped: skip === undefined ? null : skip.skipped,
  }
}

/** The median rate of `s` over that of the PyTorch run of the same kind, or null when either is missing. */
export const ratioToTorch = (s: Summary, all: readonly Summary[]): number | null => {
  const torchId = s.contender.kind === 'end to end' ? 'torch' : 'torch-step'
  const torch = all.find((t) => t.workload === s.workload && t.contender.id === torchId)
  if (torch === undefined || torch.rates.length === 0 || s.rates.length === 0) return null
  return s.medianRate / torch.medianRate
}
