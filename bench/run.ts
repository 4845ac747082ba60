/**
 * `npm run bench`: streamprop against PyTorch, TensorFlow.js (cpu and wasm), brain.js and a plain
 * JavaScript loop on the three workloads, in interleaved rounds (A B C … A B C …) so that a change
 * in machine load hits every contender alike; then start-up, and training from the brokers. Prints
 * the results as markdown and writes them into BENCHMARKS.md. Everything streamprop-side is run
 * through `dist/bin/cli.js` and src/ as they are at run time, so a faster build is picked up as is.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { prepareData } from './data/prepare.js'
import { type LiveResult, natsLive, redisLive } from './extras/live.js'
import { startupTimes } from './extras/startup.js'
import { writeResults } from './harness/benchmarksFile.js'
import { calibrateCli, stepsFor } from './harness/calibrate.js'
import { type Contender, type Outcome, type RunContext, contenders } from './harness/contenders.js'
import { loadText, machineLine, machineNotes, torchInfo } from './harness/machine.js'
import { parseOptions, usage } from './harness/options.js'
import { renderReport } from './harness/render.js'
import { isSkipped } from './harness/result.js'
import { median } from './harness/stats.js'
import { type Trial, summarize } from './harness/summary.js'
import { count } from './harness/table.js'
import { targetRows } from './harness/targets.js'
import { type WorkloadId, workloadIds } from './workloads.js'

const options = parseOptions(process.argv.slice(2))
if (options instanceof Error) {
  process.stderr.write(`bench: ${options.message}\n${usage}\n`)
  process.exit(2)
}
const root = fileURLToPath(new URL('..', import.meta.url))
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  process.stderr.write('bench: dist/bin/cli.js is missing; run npm run build first\n')
  process.exit(1)
}
const log = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

const started = performance.now()
const loadAtStart = loadText()
const data = prepareData(join(root, 'out', 'bench'), log)
const torch = torchInfo(root)
const torchMissing = 'missing' in torch ? `PyTorch is not available (${torch.missing})` : null
const selected = workloadIds.filter((w) => options.only.has(w))
const budgetOf = (w: WorkloadId): number => (w === 'W3' ? options.budget.digits : options.budget.regression)
const context = (w: WorkloadId, budget: number, maxSteps?: number): RunContext => ({
  root,
  data,
  workload: w,
  budget,
  ...(maxSteps === undefined ? {} : { maxSteps }),
})
// The pair whose test accuracies are compared trains W3's whole epoch; everything else is time-boxed.
const fullRun = (w: WorkloadId, c: Contender): boolean => w === 'W3' && options.fullDigits && (c.id === 'streamprop' || c.id === 'torch')

// The steps the CLI runs next on each time-boxed workload, and those it ran (for the report).
const cliSteps: { [W in WorkloadId]?: number } = {}
const cliStepsRun: { [W in WorkloadId]?: number[] } = {}
for (const w of selected.filter((w) => !(w === 'W3' && options.fullDigits))) {
  const steps = calibrateCli(context(w, budgetOf(w)))
  if (steps instanceof Error) log(`calibrating the CLI on ${w} failed: ${steps.message}`)
  else cliSteps[w] = steps
}

const describe = (o: Outcome): string =>
  o instanceof Error
    ? `failed: ${o.message}`
    : isSkipped(o)
      ? `skipped: ${o.skipped}`
      : `${count(o.events / o.seconds)} events/s (${count(o.events)} events in ${o.seconds.toFixed(2)} s${o.accuracy === undefined ? '' : `, accuracy ${(100 * o.accuracy).toFixed(2)}%`})`

const trials: Trial[] = []
const unavailable = new Map<string, string>()
for (let round = 1; round <= options.rounds; round++) {
  for (const w of selected) {
    for (const c of contenders.filter((c) => c.workloads.has(w))) {
      const known = c.torch === true && torchMissing !== null ? torchMissing : unavailable.get(c.id)
      const steps = c.id === 'streamprop' ? cliSteps[w] : undefined
      const ctx = context(w, fullRun(w, c) ? 0 : budgetOf(w), steps)
      const outcome: Outcome = known !== undefined ? { skipped: known } : c.run(ctx)
      if (isSkipped(outcome)) unavailable.set(c.id, outcome.skipped)
      if (steps !== undefined && known === undefined) {
        cliStepsRun[w] = [...(cliStepsRun[w] ?? []), steps]
        if (!(outcome instanceof Error) && !isSkipped(outcome)) cliSteps[w] = stepsFor(ctx, outcome.events / outcome.seconds)
      }
      if (known === undefined) log(`[round ${round}/${options.rounds}] ${w} ${c.label}: ${describe(outcome)}`)
      trials.push({ workload: w, contender: c.id, round, outcome })
    }
  }
}
const summaries = selected.flatMap((w) => contenders.filter((c) => c.workloads.has(w)).map((c) => summarize(trials, w, c)))

const startup = options.only.has('startup') ? startupTimes(root, data.tinySpec, options.quick ? 5 : 10) : null
if (startup !== null) log(startup instanceof Error ? startup.message : `start-up: median ${median(startup).toFixed(0)} ms`)

const liveEvents = (): number => {
  // About five seconds of online training at the CLI's W1 rate, between 2k and 50k events.
  const w1 = summaries.find((s) => s.workload === 'W1' && s.contender.id === 'streamprop' && s.rates.length > 0)
  // Without a W1 round, a probe sizes it: W1 steps one event at a time, so the steps that fill one second are its rate.
  const probe = (): number => {
    const steps = calibrateCli(context('W1', 1))
    return steps instanceof Error ? 2000 : steps
  }
  const rate = w1?.medianRate ?? probe()
  return Math.min(50_000, Math.max(2_000, Math.round((rate * 5) / 1000) * 1000))
}
let live: LiveResult[] | null = null
if (options.only.has('brokers')) {
  const events = options.quick ? 2_000 : liveEvents()
  const c = context('W1', 0)
  live = [await natsLive(c, events), await redisLive(c, events)]
  for (const l of live) log(`${l.broker}: ${describe(l.outcome)}`)
}

const loadAtEnd = loadText()
const markdown = renderReport({
  machine: machineLine(torch, loadAtStart, loadAtEnd),
  machineNotes: machineNotes(torch, loadAtStart, loadAtEnd),
  date: new Date().toISOString().slice(0, 10),
  command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  options,
  workloads: selected,
  cliSteps: cliStepsRun,
  summaries,
  targets: targetRows(summaries, { startupMs: startup === null || startup instanceof Error ? null : median(startup) }),
  startup,
  live,
  minutes: (performance.now() - started) / 60_000,
})
process.stdout.write(`${markdown}\n`)
if (options.write) {
  writeResults(join(root, 'BENCHMARKS.md'), markdown)
  log('wrote BENCHMARKS.md')
}
