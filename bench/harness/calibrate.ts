/**
 * The CLI has no time budget, only `--max-steps`, so a short probe run measures its rate on each
 * time-boxed workload and the rounds then run as many steps as fill the budget at that rate.
 * The probe starts cold, so the runs it sizes come out a little shorter than the budget, not longer.
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
  const rate = r.events / r.seconds
  return Math.max(probe, Math.ceil((rate * c.budget) / workloads[c.workload].spec.data.batchSize))
}
