/**
 * GFLOP/s of Kernels.matmul for the MNIST MLP (784-256-128-10, batch 128): each layer's forward
 * X·Wᵀ, its backward dY·W and dYᵀ·X, and the Aᵀ·Bᵀ form, plus the first layer's X·Wᵀ and dYᵀ·X
 * with MNIST-like inputs (~84% zeros) for the zero-skipping tiles. Medians over round-robin trials, so a busy machine slows every
 * kernel alike; timed by process CPU time unless --wall, each round after waiting (up to 1 s) for
 * the machine to idle unless --no-wait. Run: npx tsx bench/gemm.ts [--quick] [--wall] [--no-wait]
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { type Kernels, plainKernels } from '../src/tensor/kernels.js'
import { key, uniform, unit } from '../src/tensor/random.js'
import { loadWasmKernels } from '../src/tensor/wasm.js'
import { awaitQuiet, cpuSeconds, machineLine, median } from './timing.js'

const quick = process.argv.includes('--quick')
const batch = 128
const layers = [
  [784, 256],
  [256, 128],
  [128, 10],
] as const

interface Row {
  readonly label: string
  readonly m: number
  readonly k: number
  readonly n: number
  readonly ta: boolean
  readonly tb: boolean
  /** Which operand is a batch of MNIST-like digits (zero borders, sparse strokes); the others are dense. */
  readonly digits?: 'a' | 'b'
}

const rows: readonly Row[] = layers.flatMap(([fanIn, units]): Row[] => [
  { label: `${fanIn}→${units} fwd X·Wᵀ`, m: batch, k: fanIn, n: units, ta: false, tb: true },
  { label: `${fanIn}→${units} dX = dY·W`, m: batch, k: units, n: fanIn, ta: false, tb: false },
  { label: `${fanIn}→${units} dW = dYᵀ·X`, m: units, k: batch, n: fanIn, ta: true, tb: false },
  { label: `${fanIn}→${units} Aᵀ·Bᵀ`, m: batch, k: fanIn, n: units, ta: true, tb: true },
  ...(fanIn === 784
    ? [
        { label: `784→256 fwd, digits`, m: batch, k: fanIn, n: units, ta: false, tb: true, digits: 'a' as const },
        { label: `784→256 dW, digits`, m: units, k: batch, n: fanIn, ta: true, tb: false, digits: 'b' as const },
      ]
    : []),
])

/** A batch of 28×28 "digits": zero outside a centred disc of radius 10, inside 60% zeros (about 84% zeros overall, as MNIST). */
const digits = (m: number): Float32Array => {
  const x = new Float32Array(m * 784)
  const k = key(99)
  for (let i = 0; i < x.length; i++) {
    const [r, c] = [Math.floor((i % 784) / 28) - 13.5, (i % 28) - 13.5]
    if (r * r + c * c < 100 && unit(k, 2 * i) < 0.4) x[i] = unit(k, 2 * i + 1)
  }
  return x
}

interface Contender {
  readonly name: string
  readonly kernels: Kernels
  /** Where its operands live: in the backend's own memory, or plain JS arrays (copied per call). */
  readonly place: (x: Float32Array) => Float32Array
}

const contenders: Contender[] = [{ name: 'plain', kernels: plainKernels, place: (x) => x }]
for (const build of ['simd', 'relaxed'] as const) {
  const loaded = loadWasmKernels(build)
  if (!loaded.ok) {
    console.log(`wasm-${build}: not measured, ${loaded.reason}`)
    continue
  }
  const { kernels } = loaded
  const inside = (x: Float32Array): Float32Array => {
    const y = kernels.alloc(x.length)
    y.set(x)
    return y
  }
  contenders.push({ name: `wasm-${build}`, kernels, place: inside })
  if (build === 'relaxed') contenders.push({ name: 'relaxed, JS arrays', kernels, place: (x) => x })
}

const wall = process.argv.includes('--wall')

/** Seconds now: this process's CPU time (user + system) unless --wall, so other processes on a shared machine don't count. */
const now = (): number => {
  return wall ? performance.now() / 1000 : cpuSeconds()
}

/** Seconds per call, over `calls` back-to-back calls. */
const trial = (run: () => void, calls: number): number => {
  const t0 = now()
  for (let i = 0; i < calls; i++) run()
  return (now() - t0) / calls
}

// On a shared machine another process's SIMD work on the sibling core halves ours (process CPU
// time does not see that), so each round waits up to a second for the other processes to idle.
const patient = !process.argv.includes('--no-wait')
let busyRounds = 0
const awaitQuietRound = (): void => {
  if (patient && !awaitQuiet()) busyRounds++
}

console.log(`${machineLine()} at start`)
console.log(
  `GFLOP/s (2·m·k·n per call, ${wall ? 'wall-clock' : 'process CPU'} time), median of ${quick ? 5 : 15} round-robin trials; wasm columns keep operands in WASM memory unless marked; "digits" rows count the dense flops the skipped zeros would have cost`,
)
const widths = [26, 14, ...contenders.map((c) => Math.max(10, c.name.length + 2))]
const line = (cells: string[]) => console.log(cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(''))
line(['shape, form', 'm×k×n', ...contenders.map((c) => c.name)])

const bests: string[][] = []
rows.forEach((r, ri) => {
  const a = r.digits === 'a' ? digits(r.m) : uniform(key(2 * ri), [r.m * r.k], -1, 1).data
  const b = r.digits === 'b' ? digits(r.k) : uniform(key(2 * ri + 1), [r.k * r.n], -1, 1).data
  const flops = 2 * r.m * r.k * r.n
  const setups = contenders.map((c) => {
    const [pa, pb, out] = [c.place(a), c.place(b), c.place(new Float32Array(r.m * r.n))]
    const run = () => c.kernels.matmul(pa, pb, out, r.m, r.k, r.n, r.ta, r.tb)
    for (let i = 0; i < 3; i++) run() // warm-up: V8 tiers up hot functions after the first calls
    const calls = Math.max(1, Math.round((quick ? 0.01 : 0.03) / Math.max(trial(run, 3), 1e-6)))
    return { run, calls, times: [] as number[] }
  })
  for (let t = 0; t < (quick ? 5 : 15); t++) {
    awaitQuietRound()
    for (const s of setups) s.times.push(trial(s.run, s.calls))
  }
  const gflops = (t: number): string => (flops / t / 1e9).toFixed(1)
  line([r.label, `${r.m}×${r.k}×${r.n}`, ...setups.map((s) => gflops(median(s.times)))])
  bests.push([r.label, `${r.m}×${r.k}×${r.n}`, ...setups.map((s) => gflops(Math.min(...s.times)))])
})

// The fastest round shows what the kernels do on an idle machine when the medians were taken on a busy one.
console.log('\nbest round (GFLOP/s):')
bests.forEach(line)
console.log(`rounds run while other processes kept the machine busy: ${busyRounds}; load average ${loadavg()[0].toFixed(2)} at end`)
