/**
 * Training-step time of the fused trainer (src/fast) against the generic staged pipeline, on the
 * three target workloads:
 *
 *   W1  16-64-64-1 tanh, mse, sgd, batch 1 (online learning)
 *   W2  the same model, batch 32
 *   W3  784-256-128-10 relu, softmax cross-entropy, sgd momentum 0.9, batch 128, on the MNIST
 *       digits the `mnist` package ships (about 80% zero pixels)
 *
 * Contenders: the generic pipeline (`train` operator over compileNet's plans) with the plain
 * kernels the CLI uses and with the WASM matmul, and FastMlp on the plain-SIMD and relaxed-SIMD
 * builds. Each contender runs steps back to back on a pool of prepared batches (parsing and
 * batching are not timed); rounds alternate between the FastMlp contenders, then between the
 * generic ones, so a busy machine slows all alike; with --wait each round first waits (up to 1 s)
 * for the other processes to idle (off by default: on the 2-vCPU VM this was written on, rounds
 * after such a wait ran slower, not faster). Medians and
 * best rounds are printed in µs per step and samples per second; process CPU time unless --wall.
 * A last row times W1 with parsing: each event line through `decodeEvent`, then a FastMlp step.
 *
 * Run: npx tsx bench/fast.ts [--quick] [--wall] [--wait] [--fast-only]
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { from } from 'rxjs'
import { fastMlpOfSpec } from '../src/fast/spec.js'
import type { Batch } from '../src/pipeline/records.js'
import { train } from '../src/pipeline/train.js'
import { netOf, optimizerOf } from '../src/spec/build.js'
import type { Spec } from '../src/spec/spec.js'
import { digits } from '../src/sources/datasets/digits.js'
import { decodeEvent } from '../src/spec/event.js'
import * as E from 'fp-ts/lib/Either.js'
import { key, unit } from '../src/tensor/random.js'
import { tensor } from '../src/tensor/tensor.js'
import { wasmKernels } from '../src/tensor/wasm.js'
import { awaitQuiet, cpuSeconds, machineLine, median } from './timing.js'

const quick = process.argv.includes('--quick')
const wall = process.argv.includes('--wall')
const patient = process.argv.includes('--wait')
const rounds = quick ? 5 : 11

type Parts = Pick<Spec, 'model' | 'loss' | 'optimizer' | 'regularization'>

const small: Parts = {
  model: { inputs: 16, layers: [{ type: 'dense', units: 64 }, { type: 'tanh' }, { type: 'dense', units: 64 }, { type: 'tanh' }, { type: 'dense', units: 1 }] },
  loss: { type: 'mse' },
  optimizer: { type: 'sgd', learningRate: 0.01 },
}
const mnist: Parts = {
  model: {
    inputs: 784,
    layers: [{ type: 'dense', units: 256 }, { type: 'relu' }, { type: 'dense', units: 128 }, { type: 'relu' }, { type: 'dense', units: 10 }, { type: 'softmax' }],
  },
  loss: { type: 'cross-entropy' },
  optimizer: { type: 'sgd', learningRate: 0.01, momentum: 0.9 },
}

/** `count` batches of `size` rows of a 16-input regression (a smooth target of the inputs). */
const regression = (size: number, count: number): Batch[] => {
  const k = key(5)
  return Array.from({ length: count }, (_, b) => {
    const x = Float32Array.from({ length: size * 16 }, (_, i) => 2 * unit(k, b * size * 16 + i) - 1)
    const y = Float32Array.from({ length: size }, (_, r) => Math.sin(x[r * 16] + x[r * 16 + 1] * x[r * 16 + 2]))
    return { x: tensor([size, 16], x), y: tensor([size, 1], y), lines: [], epoch: 0 }
  })
}

/** `count` batches of 128 digits with one-hot labels, in the dataset's stream order. */
const digitBatches = (count: number): Batch[] => {
  const train = digits().train
  return Array.from({ length: count }, (_, b) => {
    const rows = Array.from({ length: 128 }, (_, r) => train[(b * 128 + r) % train.length])
    const y = new Float32Array(128 * 10)
    rows.forEach((d, r) => (y[r * 10 + d.label] = 1))
    return { x: tensor([128, 784], rows.flatMap((d) => d.pixels)), y: tensor([128, 10], y), lines: [], epoch: 0 }
  })
}

interface Workload {
  readonly name: string
  readonly spec: Parts
  readonly batch: number
  readonly batches: readonly Batch[]
}

const workloads: readonly Workload[] = [
  { name: 'W1 16-64-64-1 tanh, batch 1', spec: small, batch: 1, batches: regression(1, 256) },
  { name: 'W2 16-64-64-1 tanh, batch 32', spec: small, batch: 32, batches: regression(32, 64) },
  { name: 'W3 784-256-128-10 relu, batch 128', spec: mnist, batch: 128, batches: digitBatches(16) },
]

/** Runs `n` training steps. */
type Runner = (n: number) => void

/** The generic pipeline: the `train` operator over the batch pool, subscribed synchronously. */
const generic = (w: Workload, withWasm: boolean): Runner | string => {
  const kernels = withWasm ? wasmKernels() : undefined
  if (kernels === null) return 'no WASM kernels here'
  const net = netOf(w.spec, kernels)
  const optimizer = optimizerOf(w.spec.optimizer)
  let params = net.init(key(1))
  let optState = optimizer.init(params)
  let at = 0
  return (n) => {
    const batches = Array.from({ length: n }, () => w.batches[at++ % w.batches.length])
    from(batches)
      .pipe(train({ step: 0, params, optState }, { net, optimizer, frozen: new Set() }))
      .subscribe((s) => ([params, optState] = [s.params, s.optState]))
  }
}

/** FastMlp on one build, stepping through the batch pool. */
const fused = (w: Workload, build: 'simd' | 'relaxed'): Runner | string => {
  const loaded = fastMlpOfSpec(w.spec, { build })
  if (!loaded.ok) return loaded.reason
  const mlp = loaded.mlp
  const params = netOf(w.spec).init(key(1))
  const optimizer = optimizerOf(w.spec.optimizer)
  mlp.load(params, optimizer.slots(optimizer.init(params)))
  const pool = w.batches.map((b) => [b.x.data, b.y.data] as const)
  let at = 0
  return (n) => {
    for (let i = 0; i < n; i++) {
      const [x, y] = pool[at++ % pool.length]
      mlp.step(x, y, w.batch)
    }
  }
}

/** W1 event lines as a file holds them (4 decimals), for the end-to-end row. */
const lines = regression(1, 4096).map((b) => JSON.stringify({ x: Array.from(b.x.data, (v) => +v.toFixed(4)), y: +b.y.data[0].toFixed(4) }))

/** W1 from the raw line: decodeEvent (the pipeline's parser) and a FastMlp step per event. */
const endToEnd = (build: 'simd' | 'relaxed'): Runner | string => {
  const loaded = fastMlpOfSpec(small, { build })
  if (!loaded.ok) return loaded.reason
  const mlp = loaded.mlp
  const params = netOf(small).init(key(1))
  const optimizer = optimizerOf(small.optimizer)
  mlp.load(params, optimizer.slots(optimizer.init(params)))
  const shape = { inputs: 16, targets: 1, classes: false }
  let at = 0
  return (n) => {
    for (let i = 0; i < n; i++) {
      const e = decodeEvent(lines[at++ % lines.length], shape)
      if (E.isRight(e)) mlp.step(e.right.x, e.right.y, 1)
    }
  }
}

const contenders = [
  { name: 'generic (plain)', make: (w: Workload) => generic(w, false) },
  { name: 'generic (wasm matmul)', make: (w: Workload) => generic(w, true) },
  { name: 'FastMlp (simd)', make: (w: Workload) => fused(w, 'simd') },
  { name: 'FastMlp (relaxed)', make: (w: Workload) => fused(w, 'relaxed') },
].filter((c) => !process.argv.includes('--fast-only') || c.name.startsWith('FastMlp'))

/** Seconds now: this process's CPU time (user + system) unless --wall. */
const now = (): number => {
  return wall ? performance.now() / 1000 : cpuSeconds()
}

let busyRounds = 0
const awaitQuietRound = (): void => {
  if (patient && !awaitQuiet()) busyRounds++
}

console.log(`${machineLine()} at start`)
console.log(`training step only (batches prepared in advance), ${wall ? 'wall-clock' : 'process CPU'} time, median (best) of ${rounds} round-robin rounds`)
const header = ['workload', 'contender', 'µs/step', '(best)', 'samples/s']
const widths = [40, 22, 12, 12, 12]
const line = (cells: readonly string[]) => console.log(cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(''))
line(header)

const rows: { readonly name: string; readonly batch: number; readonly runners: { name: string; run: Runner | string }[] }[] = [
  ...workloads.map((w) => ({ name: w.name, batch: w.batch, runners: contenders.map((c) => ({ name: c.name, run: c.make(w) })) })),
  {
    name: 'W1 with parsing (decodeEvent + step)',
    batch: 1,
    runners: (['simd', 'relaxed'] as const).map((b) => ({ name: `FastMlp (${b})`, run: endToEnd(b) })),
  },
]

for (const w of rows) {
  const runners = w.runners.map((c) => ({ ...c, times: [] as number[], calls: 1 }))
  for (const r of runners) {
    if (typeof r.run === 'string') continue
    const run = r.run
    run(3) // warm-up: V8 tiers up hot functions after the first calls
    const t0 = now()
    run(3)
    const per = Math.max((now() - t0) / 3, 1e-6)
    r.calls = Math.max(1, Math.round((quick ? 0.05 : 0.2) / per))
  }
  // The fused contenders first, alternating among themselves, then the generic ones: the generic
  // pipeline's garbage keeps V8's collector threads busy for a while, and process CPU time
  // would charge that to whoever runs next.
  for (const group of [runners.filter((r) => r.name.startsWith('FastMlp')), runners.filter((r) => !r.name.startsWith('FastMlp'))]) {
    for (let t = 0; t < rounds; t++) {
      awaitQuietRound()
      for (const r of group) {
        if (typeof r.run === 'string') continue
        const t0 = now()
        r.run(r.calls)
        r.times.push((now() - t0) / r.calls)
      }
    }
  }
  for (const r of runners) {
    if (typeof r.run === 'string') {
      line([w.name, r.name, 'n/a', '', r.run])
      continue
    }
    const m = median(r.times)
    line([w.name, r.name, (m * 1e6).toFixed(2), `(${(Math.min(...r.times) * 1e6).toFixed(2)})`, ((w.batch / m) | 0).toLocaleString('en-US')])
  }
}
console.log(`${patient ? `rounds run while other processes kept the machine busy: ${busyRounds}; ` : ''}load average ${loadavg()[0].toFixed(2)} at end`)
