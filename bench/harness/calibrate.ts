/**
 * The CLI has no time budget, only `--max-steps`, so a short probe run measures its rate on each
 * time-boxed workload and the first round runs as many steps as fill the budget at that rate.
 * The probe starts cold and undershoots, so each later round is sized from the rate of the CLI's
 * run in the round before.
 */
import { type WorkloadId, workloads } from '../workloads.js'
import { type RunContext, runCli } from './contenders.js'
import { isSkipped } from './result.js'

// Probes of about a second at today's slowest: a thousand online events, 1,600 in batches of 32, 4 digit batches.
const probeSteps: { readonly [W in WorkloadId]: number } = { W1: 1000, W2: 50, W3: 4 }

/** Steps for `c.budget` seconds of the CLI on `c.workload`, or the probe's error. */
export const calibrateCli = (c: RunContext): number | Error => {
  const probe = probeSteps[c.workload]
  const r = runCli({ ...c, maxSteps: probe })
  if (r instanceof Error) return r
  if (isSkipped(r)) return new Error(r.skipped)
  return stepsFor(c, r.events / r.seconds)
}

/** Steps that fill `c.budget` seconds at `rate` events per second (never fewer than the probe's). */
export const stepsFor = (c: RunContext, rate: number): number =>
  Math.max(probeSteps[c.workload], Math.ceil((rate * c.budget) / workloads[c.workload].spec.data.batchSize))
