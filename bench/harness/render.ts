/** The results section of BENCHMARKS.md (also printed): machine line, one table per workload, per-stage times, targets, extras. */
import type { LiveResult } from '../extras/live.js'
import { type WorkloadId, workloads } from '../workloads.js'
import type { BenchOptions } from './options.js'
import { isSkipped } from './result.js'
import { median } from './stats.js'
import { type Summary, ratioToTorch } from './summary.js'
import { type TargetRow } from './targets.js'
import { count, markdownTable, megabytes, micros, percent, times } from './table.js'

/** Everything one run of the benchmark found. */
export interface Report {
  readonly machine: string
  /** Caveats the machine calls for (load, torch's BLAS). */
  readonly machineNotes: readonly string[]
  readonly date: string
  readonly command: string
  readonly options: BenchOptions
  readonly workloads: readonly WorkloadId[]
  /** `--max-steps` the CLI ran with per time-boxed workload, round by round. */
  readonly cliSteps: { readonly [W in WorkloadId]?: readonly number[] }
  readonly summaries: readonly Summary[]
  readonly targets: readonly TargetRow[]
  /** Start-up times in ms, why they are missing, or null when not run. */
  readonly startup: readonly number[] | Error | null
  readonly live: readonly LiveResult[] | null
  readonly minutes: number
}

const workloadTable = (w: WorkloadId, all: readonly Summary[]): string => {
  const rows = all
    .filter((s) => s.workload === w && s.skipped === null)
    .map((s) => [
      s.contender.label,
      s.contender.kind,
      s.rates.length === 0 ? '–' : count(s.medianEvents),
      s.rates.length === 0 ? 'failed' : count(s.medianRate),
      s.rates.length === 0 ? '–' : `${count(s.min)}–${count(s.max)}`,
      times(ratioToTorch(s, all)),
      percent(s.accuracy),
      megabytes(s.maxRssKb),
    ])
  return markdownTable(['contender', 'measures', 'events per run', 'events/s (median)', 'min–max', '× PyTorch (same kind)', 'test accuracy', 'peak RSS'], rows, 2)
}

const stageOrder = ['forward', 'backward', 'update', 'fused step', 'loop']

const stageTable = (w: WorkloadId, all: readonly Summary[]): string | null => {
  const staged = all.filter((s) => s.workload === w && Object.keys(s.stages).length > 0)
  if (staged.length === 0) return null
  const names = stageOrder.filter((n) => staged.some((s) => s.stages[n] !== undefined))
  const torchStep = all.find((s) => s.workload === w && s.contender.id === 'torch-step' && s.rates.length > 0)
  const rows = staged.map((s) => [s.contender.label, ...names.map((n) => micros(s.stages[n])), micros(1e6 / s.medianRate), micros(s.stages.decode)])
  if (torchStep !== undefined) rows.push([torchStep.contender.label, ...names.map(() => ''), micros(1e6 / torchStep.medianRate), ''])
  return markdownTable(['µs per event', ...names, 'step total', 'decode (file → batches)'], rows)
}

const errorNotes = (w: WorkloadId, all: readonly Summary[]): string[] =>
  all.filter((s) => s.workload === w).flatMap((s) => s.errors.map((e) => `${s.contender.label}: a run failed — ${e}`))

// A contender that cannot run here cannot run on any workload: one note, not one per table.
const skipNotes = (all: readonly Summary[]): string[] => [
  ...new Set(all.flatMap((s) => (s.skipped === null ? [] : [`${s.contender.label}: skipped — ${s.skipped}.`]))),
]

const liveTable = (live: readonly LiveResult[]): string =>
  markdownTable(
    ['source', 'events', 'events/s into training (summary)', 'producer load rate, events/s'],
    live.map((l) => {
      const o = l.outcome
      const rate = o instanceof Error ? `failed: ${o.message}` : isSkipped(o) ? `skipped: ${o.skipped}` : count(o.events / o.seconds)
      return [l.broker, count(l.events), rate, l.loadRate === undefined ? '–' : count(l.loadRate)]
    }),
  )

// Contenders sharing a note (tfjs's two backends) get one line naming both.
const contenderNotes = (all: readonly Summary[]): string[] => {
  const byNote = new Map<string, Set<string>>()
  for (const s of all) if (s.contender.note !== undefined) byNote.set(s.contender.note, (byNote.get(s.contender.note) ?? new Set()).add(s.contender.label))
  return [...byNote].map(([note, labels]) => `${[...labels].join(', ')}: ${note}.`)
}

/** The results section as markdown. */
export const renderReport = (r: Report): string => {
  const o = r.options
  const parts: string[] = [
    `Run on ${r.date} with \`${r.command}\` (${r.minutes.toFixed(1)} minutes).`,
    '',
    `**Machine:** ${r.machine}.`,
    '',
    ...r.machineNotes.flatMap((n) => [n, '']),
    `${o.rounds} interleaved round${o.rounds === 1 ? '' : 's'}: every contender ran once per round, one after another, in a fresh process. ` +
      `Runs stop at the first batch boundary after ${o.budget.regression} s (W1, W2) or ${o.budget.digits} s (W3)` +
      (o.fullDigits ? ', except W3 for the streamprop CLI and PyTorch end to end, which train the whole epoch so their test accuracies can be compared' : '') +
      `. The CLI has no time budget, so it runs the steps that fill it at the rate of its previous run (a probe run before the first round): ${Object.entries(r.cliSteps)
        .map(([w, n]) => `${w} --max-steps ${(n ?? []).join(', ')}`)
        .join('; ') || 'none'}. "End to end" covers reading, JSON parsing and training (and W3's test evaluation at the epoch end, as the CLI does it), not process start-up; "step only" trains on batches already in memory.`,
  ]
  for (const w of r.workloads) {
    parts.push('', `### ${workloads[w].title}`, '', workloadTable(w, r.summaries))
    const stages = stageTable(w, r.summaries)
    if (stages !== null) parts.push('', 'Where streamprop\'s step time goes (medians; `loop` is the training loop around the stages, `decode` the library reading the file into batches, outside the step-only time):', '', stages)
    const notes = errorNotes(w, r.summaries)
    if (notes.length > 0) parts.push('', ...notes.map((n) => `- ${n}`))
  }
  if (r.targets.length > 0) {
    parts.push('', '### Targets', '', markdownTable(['target', 'needed', 'measured', 'met'], r.targets.map((t) => [t.target, t.needed, t.measured, t.met === null ? '–' : t.met ? 'yes' : 'no']), 4))
  }
  if (r.startup !== null) {
    parts.push(
      '',
      '### Start-up',
      '',
      r.startup instanceof Error
        ? `Not measured: ${r.startup.message}`
        : `\`node dist/bin/cli.js train\` on a 10-event file, spawn to exit: median ${(median(r.startup) / 1000).toFixed(3)} s over ${r.startup.length} runs (${(Math.min(...r.startup) / 1000).toFixed(3)}–${(Math.max(...r.startup) / 1000).toFixed(3)} s).`,
    )
  }
  if (r.live !== null) {
    parts.push(
      '',
      '### From the brokers into training (W1 model, batch 1)',
      '',
      'W1 events loaded into a fresh stream by the library\'s producers (`publishLines`, `appendLines`), then `streamprop train` on a spec whose source is the broker with `"stop": {"events": N}`, N about five seconds of training at the CLI\'s W1 rate; the rate is the run\'s summary.eventsPerSecond.',
      '',
      liveTable(r.live),
    )
  }
  const caveats = [...skipNotes(r.summaries), ...contenderNotes(r.summaries)]
  if (caveats.length > 0) parts.push('', ...caveats.map((c) => `- ${c}`))
  return parts.join('\n')
}
