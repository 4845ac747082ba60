/** The command line of `npm run bench`: which sections to run, how many rounds, how long each run is. */
import { parseArgs } from 'node:util'
import { type WorkloadId, workloadIds } from '../workloads.js'

/** A part of the benchmark that `--only` can select. */
export type Section = WorkloadId | 'startup' | 'brokers'

const sections: readonly Section[] = [...workloadIds, 'startup', 'brokers']

/** What to run. */
export interface BenchOptions {
  readonly quick: boolean
  readonly only: ReadonlySet<Section>
  readonly rounds: number
  /** Seconds per time-boxed run: regression workloads, digits. */
  readonly budget: { readonly regression: number; readonly digits: number }
  /** Whether W3's streamprop CLI and PyTorch end-to-end runs cover the whole epoch (for the accuracy comparison). */
  readonly fullDigits: boolean
  /** Overwrite the table section of BENCHMARKS.md. */
  readonly write: boolean
}

/** Usage text. */
export const usage = `npm run bench -- [--quick] [--only W1,W2,W3,startup,brokers] [--rounds N] [--no-write]
  --quick     one round, shorter runs, W3 time-boxed too (no accuracy comparison)
  --only      run only these sections (comma-separated or repeated)
  --rounds    interleaved rounds per workload (default 3, quick 1)
  --no-write  print the tables but leave BENCHMARKS.md alone`

/** The options of argv (after `--`), or an Error naming the bad argument. */
export const parseOptions = (argv: readonly string[]): BenchOptions | Error => {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true },
        rounds: { type: 'string' },
        'no-write': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    })
    const quick = values.quick === true
    const picked = (values.only ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '')
    const unknown = picked.filter((s) => !(sections as readonly string[]).includes(s))
    if (unknown.length > 0) return new Error(`--only: unknown section ${unknown.join(', ')} (expected ${sections.join(', ')})`)
    const rounds = values.rounds === undefined ? (quick ? 1 : 3) : Number(values.rounds)
    if (!Number.isInteger(rounds) || rounds < 1) return new Error(`--rounds: expected a positive integer, got ${values.rounds}`)
    return {
      quick,
      only: new Set(picked.length > 0 ? (picked as Section[]) : sections),
      rounds,
      budget: quick ? { regression: 1.5, digits: 3 } : { regression: 3, digits: 6 },
      fullDigits: !quick,
      write: values['no-write'] !== true,
    }
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e))
  }
}
