/**
 * The contenders, in the order each round runs them, and how the harness starts one run of each.
 * End-to-end contenders read and parse the JSONL themselves; step-only contenders are handed
 * batches already in memory. Ratios compare each kind with PyTorch's run of the same kind.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchData } from '../data/prepare.js'
import { type WorkloadId, workloadIds } from '../workloads.js'
import { type ChildCommand, runChild, stderrTail, tsxCommand } from './child.js'
import { type RunResult, type Skipped, parseChildResult, parseCliSummary } from './result.js'

/** What one run is asked to do. */
export interface RunContext {
  /** The repository root (children run there). */
  readonly root: string
  readonly data: BenchData
  readonly workload: WorkloadId
  /** Seconds after which the run stops at a batch boundary; 0 runs every epoch. */
  readonly budget: number
  /** For the CLI, which has no time budget: the optimizer steps that fill the budget (calibrated). */
  readonly maxSteps?: number
}

/** What a run can come to. */
export type Outcome = RunResult | Skipped | Error

/** One contender. */
export interface Contender {
  readonly id: string
  readonly label: string
  readonly kind: 'end to end' | 'step only'
  readonly workloads: ReadonlySet<WorkloadId>
  /** PyTorch contenders run only where `import torch` works. */
  readonly torch?: boolean
  /** The contender's own caveat for the table. */
  readonly note?: string
  readonly run: (c: RunContext) => Outcome
}

const python = '/usr/bin/python3'

// Peak RSS of the CLI without touching the CLI: a preloaded module prints it when the process exits.
const rssHook = 'data:text/javascript,import {writeSync} from "node:fs"; process.on("exit", () => writeSync(2, `bench-maxrss ${process.resourceUsage().maxRSS}\\n`))'

/** The command line of one `streamprop train` run of a workload, through the installed bin. */
export const cliCommand = (c: RunContext, metrics: string): ChildCommand => {
  const { spec, boxedSpec, init } = c.data.workloads[c.workload]
  const boxed = c.maxSteps !== undefined
  const steps = boxed ? ['--max-steps', String(c.maxSteps)] : []
  return { command: process.execPath, args: ['--import', rssHook, 'dist/bin/cli.js', 'train', boxed ? boxedSpec : spec, '--init', init, '--quiet', '--metrics', metrics, ...steps] }
}

/** Runs the CLI and reads its summary. */
export const runCli = (c: RunContext, command: ChildCommand = cliCommand(c, join(c.data.dir, `metrics-${c.workload}.jsonl`))): Outcome => {
  const metrics = command.args[command.args.indexOf('--metrics') + 1]
  rmSync(metrics, { force: true })
  const out = runChild(command, c.root)
  if (out.code !== 0) return new Error(`exit ${out.code}: ${stderrTail(out)}`)
  const rss = /bench-maxrss (\d+)/.exec(out.stderr)
  return parseCliSummary(readFileSync(metrics, 'utf8'), rss === null ? undefined : Number(rss[1]))
}

const child = (command: ChildCommand, root: string): Outcome => {
  const out = runChild(command, root)
  if (out.code !== 0) return new Error(`exit ${out.code}: ${stderrTail(out)}`)
  return parseChildResult(out.stdout)
}

const jobArgs = (c: RunContext): string[] => [c.data.workloads[c.workload].spec, c.data.workloads[c.workload].init, String(c.budget)]

const script = (name: string): string => join('bench', 'contenders', name)

const all = new Set(workloadIds)

const tfjsNote =
  'tf ops on variables with optimizer.minimize, loss not read back; tf.train.momentum (a ← μ·a + g, θ ← θ − lr·a) is torch’s SGD-momentum rule exactly while the learning rate is constant, as here; single-threaded in Node'

/** Every contender, in run order. */
export const contenders: readonly Contender[] = [
  {
    id: 'streamprop',
    label: 'streamprop CLI',
    kind: 'end to end',
    workloads: all,
    note: '`node dist/bin/cli.js train <spec> --init <init> --quiet --metrics <file>`, rate from its summary.eventsPerSecond; --metrics makes it write one line per step',
    run: (c) => runCli(c),
  },
  {
    id: 'torch',
    label: 'PyTorch',
    kind: 'end to end',
    workloads: all,
    torch: true,
    note: 'torch.set_num_threads(1); json.loads per line, torch.tensor per batch, nn.Sequential with torch.optim.SGD',
    run: (c) => child({ command: python, args: [script('torch_mlp.py'), 'e2e', ...jobArgs(c)] }, c.root),
  },
  {
    id: 'tfjs-wasm',
    label: 'tfjs wasm',
    kind: 'end to end',
    workloads: all,
    note: tfjsNote,
    run: (c) => child(tsxCommand(script('tfjs.ts'), ['wasm', ...jobArgs(c)]), c.root),
  },
  { id: 'tfjs-cpu', label: 'tfjs cpu', kind: 'end to end', workloads: all, note: tfjsNote, run: (c) => child(tsxCommand(script('tfjs.ts'), ['cpu', ...jobArgs(c)]), c.root) },
  {
    id: 'brain',
    label: 'brain.js',
    kind: 'end to end',
    workloads: new Set<WorkloadId>(['W1', 'W2']),
    note: 'steps per event whatever the batch size (no minibatches), tanh on the output too; no W3: no softmax or cross-entropy',
    run: (c) => child(tsxCommand(script('brain.ts'), jobArgs(c)), c.root),
  },
  {
    id: 'plain',
    label: 'plain JS loop',
    kind: 'end to end',
    workloads: all,
    note: 'scalar loops over Float32Arrays (bench/plain/mlp.ts), checked against streamprop’s steps in test/bench',
    run: (c) => child(tsxCommand(script('plain.ts'), jobArgs(c)), c.root),
  },
  {
    id: 'streamprop-step',
    label: 'streamprop staged step (plain kernels)',
    kind: 'step only',
    workloads: all,
    note: 'the staged pipeline on the plain TypeScript reference kernels: train() with forward, backward and update each in timed()',
    run: (c) => child(tsxCommand(script('pipeline.ts'), ['plain', ...jobArgs(c)]), c.root),
  },
  {
    id: 'streamprop-step-wasm',
    label: 'streamprop staged step (WASM matmul)',
    kind: 'step only',
    workloads: all,
    note: 'the same pipeline on the WASM SIMD matmul kernels, as `train --engine staged` runs it',
    run: (c) => child(tsxCommand(script('pipeline.ts'), ['wasm', ...jobArgs(c)]), c.root),
  },
  {
    id: 'streamprop-fast',
    label: 'streamprop fused step (src/fast)',
    kind: 'step only',
    workloads: all,
    note: 'the fused WASM trainer `train` uses for plain MLPs, stepped directly on in-memory batches',
    run: (c) => child(tsxCommand(script('pipeline.ts'), ['fast', ...jobArgs(c)]), c.root),
  },
  {
    id: 'torch-step',
    label: 'PyTorch step',
    kind: 'step only',
    workloads: all,
    torch: true,
    note: 'the same loop over batches parsed into tensors before the clock starts (at most 100,000 events, as streamprop’s step runs)',
    run: (c) => child({ command: python, args: [script('torch_mlp.py'), 'step', ...jobArgs(c)] }, c.root),
  },
]

/** Whether `import torch` works for Debian's python3, and why not when it does not. */
export const torchAvailable = (root: string): true | string => {
  const out = runChild({ command: python, args: ['-c', 'import torch'] }, root, 60_000)
  return out.code === 0 ? true : `python3 -c "import torch" failed: ${stderrTail(out, 1) || `exit ${out.code}`}`
}
