/**
 * Contender child: streamprop's training step alone, on batches already in memory, through the
 * library's own pipeline — `train` with forward, backward and update each wrapped in `timed` from
 * src/pipeline/monitors.ts, so the result carries per-stage times. Args:
 * <plain|wasm|fast> <spec> <init> [budget].
 *   plain  the staged pipeline on the plain TypeScript kernels (the reference);
 *   wasm   the same net on the WASM SIMD matmul kernels (src/tensor/wasm.ts), as `train --engine staged` runs it;
 *   fast   the fused WASM trainer (src/fast), as `train` runs a plain MLP by default, stepped
 *          directly: one call per batch, no pipeline around it.
 * Reading, decoding and batching the file (the library's `lines` → `decodeCounted` →
 * `minibatches`) happen before the clock starts; their time is reported as the stage `decode`,
 * outside the step-only seconds. Stages are reported in microseconds per event; `loop` is what
 * the steps took beyond their stages (the training loop's RxJS plumbing).
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { type OperatorFunction, from, lastValueFrom, pipe, take, takeWhile, tap, toArray } from 'rxjs'
import { minibatches } from '../../src/pipeline/batching.js'
import { evaluateBatches } from '../../src/pipeline/evaluate.js'
import { type Metric, timed } from '../../src/pipeline/monitors.js'
import type { Batch, Minibatch, Stepped } from '../../src/pipeline/records.js'
import { backward, forward, update } from '../../src/pipeline/stages.js'
import { type StepConfig, train } from '../../src/pipeline/train.js'
import { netOf, optimizerOf } from '../../src/spec/build.js'
import { parseSpec } from '../../src/spec/parse.js'
import type { Spec } from '../../src/spec/spec.js'
import { eventShape } from '../../src/spec/widths.js'
import { decodeCounted } from '../../src/sources/decode.js'
import { lines } from '../../src/sources/lines.js'
import { wasmStatus } from '../../src/tensor/wasm.js'
import { readInit } from './job.js'
import { report } from './measure.js'
import { fastMlpOfSpec } from '../../src/fast/spec.js'
import { plainKernels } from '../../src/tensor/kernels.js'

const [variant, specPath, initPath, budgetArg = '0'] = process.argv.slice(2)
const skip = (why: string): never => {
  process.stdout.write(`${JSON.stringify({ skipped: why })}\n`)
  process.exit(0)
}

const parsed = parseSpec(readFileSync(specPath, 'utf8'), specPath)
if (E.isLeft(parsed)) throw new Error(`${specPath}: ${parsed.left.join('; ')}`)
const spec: Spec = parsed.right
const dir = dirname(resolve(specPath))
const budget = Number(budgetArg)

const kernels = (() => {
  if (variant !== 'wasm') return plainKernels
  const status = wasmStatus()
  return status.ok ? status.kernels : skip(`the WASM kernels do not load here: ${status.reason}`)
})()
const net = netOf(spec, kernels)
const optimizer = optimizerOf(spec.optimizer)
const config: StepConfig = { net, optimizer, frozen: new Set() }

const stageTotals: Record<string, number> = {}
const sink = {
  next: (m: Metric) => {
    if (m.type === 'stage') stageTotals[m.stage] = (stageTotals[m.stage] ?? 0) + m.ms
  },
}
const timedStages = (c: StepConfig): OperatorFunction<Minibatch, Stepped> =>
  pipe(timed('forward', forward(c.net), sink), timed('backward', backward(c.net), sink), timed('update', update(c.optimizer), sink))

const fastLoad = variant === 'fast' ? fastMlpOfSpec(spec) : undefined
if (fastLoad !== undefined && !fastLoad.ok) skip(fastLoad.reason)

// Enough events for any budget we give at today's speeds, without decoding all 200k W1 lines
// (tens of seconds) to train on a few thousand; a run that uses them all up ends early, which is fine.
const inMemoryEvents = 100_000

const fileBatches = async (path: string, size: number): Promise<Batch[]> =>
  lastValueFrom(lines(resolve(dir, path)).pipe(take(inMemoryEvents), decodeCounted(eventShape(spec)), minibatches(size), toArray()))

const source = spec.data.train
if (source.type !== 'jsonl') throw new Error('pipeline contender: a jsonl training source is needed')
const decodeStarted = performance.now()
const batches = await fileBatches(source.path, spec.data.batchSize)
const decodeMs = performance.now() - decodeStarted
const test = spec.data.test?.type === 'jsonl' && budget === 0 ? await fileBatches(spec.data.test.path, 1024) : null

const params = readInit(initPath)
const epochs = spec.data.epochs ?? 1
const all = Array.from({ length: epochs }, (_, e) => batches.map((b) => ({ ...b, epoch: e }))).flat()
const deadline = budget > 0 ? budget * 1000 : Number.POSITIVE_INFINITY
let events = 0
let last: Stepped | null = null
let fastParams: import('../../src/tensor/params.js').Params | null = null
const started = performance.now()
if (fastLoad?.ok === true) {
  const mlp = fastLoad.mlp
  mlp.load(params, optimizer.slots(optimizer.init(params)))
  for (const b of all) {
    if (performance.now() - started > deadline) break
    const rows = b.x.shape[0]
    mlp.step(b.x.data, b.y.data, rows)
    events += rows
  }
  stageTotals['fused step'] = performance.now() - started
  fastParams = mlp.params()
} else await lastValueFrom(
  from(all).pipe(
    takeWhile(() => performance.now() - started <= deadline),
    train({ step: 0, params, optState: optimizer.init(params) }, config, { step: timedStages }),
    tap((s) => {
      events += s.lines.length
      last = s
    }),
  ),
  { defaultValue: null },
)
const seconds = (performance.now() - started) / 1000
const perEvent = (ms: number, n: number): number => (1000 * ms) / Math.max(n, 1)
const staged = Object.values(stageTotals).reduce((a, b) => a + b, 0)
const decoded = batches.reduce((n, b) => n + b.lines.length, 0)
const finished = last as Stepped | null
const trained = fastParams ?? finished?.params ?? null
const accuracy = test !== null && trained !== null ? evaluateBatches(net, trained, test).accuracy : null
report({
  events,
  seconds,
  ...(accuracy === null ? {} : { accuracy }),
  maxRssKb: process.resourceUsage().maxRSS,
  stages: {
    ...Object.fromEntries(Object.entries(stageTotals).map(([k, ms]) => [k, perEvent(ms, events)])),
    loop: perEvent(seconds * 1000 - staged, events),
    decode: perEvent(decodeMs, decoded),
  },
})
