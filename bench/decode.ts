/**
 * Lines per second of event decoding and of the file source, on MNIST digits lines (784 numbers,
 * ~80% of them `0`, from `npm run data`) and W1 lines (16 numbers with 4 decimals, y a number),
 * plus two more shapes for the number parser. Three layers are measured: the decoders on lines
 * already in memory (fast path vs codec path), the line splitter on in-memory 64 KiB chunks, and
 * the whole file source (`lines` → `decodeCounted`) on a real file. Medians over round-robin
 * rounds timed by process CPU time (so other processes on a shared machine count less).
 * Run: npx tsx bench/decode.ts [--quick]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { lastValueFrom, reduce } from 'rxjs'
import { decodeEvent } from '../src/spec/event.js'
import { decodeEventByCodec } from '../src/spec/eventCodec.js'
import type { EventShape } from '../src/spec/widths.js'
import { decodeCounted } from '../src/sources/decode.js'
import { lines } from '../src/sources/lines.js'
import { lineSplitter } from '../src/sources/splitter.js'
import { key, unit } from '../src/tensor/random.js'

const quick = process.argv.includes('--quick')
const rounds = quick ? 3 : 7
const digitsPath = 'pipelines/data/digits-train.jsonl'
if (!existsSync(digitsPath)) throw new Error(`bench: ${digitsPath} is missing; run npm run data first`)

// ---- workloads ----

const count = quick ? 30_000 : 100_000
const k = key(42)
const value = (i: number): number => unit(k, i) * 4 - 2
/** 16-input lines as a source hands them over: split from one file text, not built one by one. */
const generated = (write: (v: number) => string, target: (n: number) => string): readonly string[] =>
  Array.from({ length: count }, (_, n) => `{"x":[${Array.from({ length: 16 }, (_, j) => write(value(n * 17 + j))).join(',')}],"y":${target(n)}}`)
    .join('\n')
    .split('\n')
const y = (n: number): number => value(n * 17 + 16)

interface Workload {
  readonly name: string
  readonly lines: readonly string[]
  readonly shape: EventShape
}
const digits: Workload = {
  name: 'digits (784 numbers, y a class)',
  lines: readFileSync(digitsPath, 'utf8').split('\n').filter((l) => l !== ''),
  shape: { inputs: 784, targets: 10, classes: true },
}
const w1: Workload = { name: 'W1 (16 × 4 decimals, y a number)', lines: generated((v) => v.toFixed(4), (n) => y(n).toFixed(4)), shape: { inputs: 16, targets: 1, classes: false } }
const workloads: readonly Workload[] = [
  digits,
  w1,
  { name: 'full precision, y a number', lines: generated(String, (n) => String(y(n))), shape: w1.shape },
  { name: '4 decimals, y a class of 10', lines: generated((v) => v.toFixed(4), (n) => String(n % 10)), shape: { inputs: 16, targets: 10, classes: true } },
]

// ---- timing ----

/** This process's CPU seconds (user + system, all threads: the file reads of libuv's pool count too). */
const now = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1e6
}
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rate = (r: number): string => (r >= 1e6 ? `${(r / 1e6).toFixed(2)}M` : `${(r / 1e3).toFixed(1)}k`).padStart(9)

type Decode = (line: string, s: EventShape) => E.Either<string, unknown>
/** Lines per CPU second for one pass of `decode` over a workload; every line must decode. */
const decodePass = (decode: Decode, { lines: all, shape }: Workload): number => {
  const t0 = now()
  let ok = 0
  for (const line of all) if (E.isRight(decode(line, shape))) ok++
  const seconds = now() - t0
  if (ok !== all.length) throw new Error(`bench: ${all.length - ok} lines were rejected`)
  return all.length / seconds
}

/** Lines per CPU second of the splitter alone, fed the file's bytes in 64 KiB chunks from memory. */
const splitPass = (bytes: Uint8Array): number => {
  let n = 0
  let length = 0
  const splitter = lineSplitter((l) => {
    n++
    length += l.value.length
    return true
  })
  const t0 = now()
  for (let i = 0; i < bytes.length; i += 65536) splitter.push(bytes.subarray(i, i + 65536))
  splitter.end()
  const seconds = now() - t0
  if (length === 0) throw new Error('bench: the splitter produced nothing')
  return n / seconds
}

/** Lines per CPU second of `lines(path)`, alone or followed by `decodeCounted`. */
const filePass = async (path: string, shape: EventShape | null): Promise<number> => {
  const t0 = now()
  const source = lines(path)
  const n = await lastValueFrom(
    shape === null ? source.pipe(reduce((a) => a + 1, 0)) : source.pipe(decodeCounted(shape), reduce((a) => a + 1, 0)),
  )
  return n / (now() - t0)
}

// ---- report ----

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? cpus()[0]?.model ?? 'unknown cpu'
console.log(`machine: ${cpu}, ${cpus().length} cpus, node ${process.version}, load average ${loadavg()[0].toFixed(2)} at start`)
console.log(`lines/s (process CPU time), median of ${rounds} round-robin rounds\n`)
console.log(`${'decoding lines in memory'.padEnd(36)}${'fast path'.padStart(11)}${'codec path'.padStart(12)}   ratio`)
for (const w of workloads) {
  const fast: number[] = []
  const codec: number[] = []
  for (let r = 0; r < rounds; r++) {
    fast.push(decodePass(decodeEvent, w))
    codec.push(decodePass(decodeEventByCodec, w))
  }
  const [f, c] = [median(fast), median(codec)]
  console.log(`${w.name.padEnd(36)}${rate(f).padStart(11)}${rate(c).padStart(12)}   ×${(f / c).toFixed(1)}`)
}

const dir = mkdtempSync(join(tmpdir(), 'streamprop-bench-'))
try {
  const w1Path = join(dir, 'w1.jsonl')
  writeFileSync(w1Path, `${w1.lines.join('\n')}\n`)
  const files = [
    { ...digits, path: digitsPath },
    { ...w1, path: w1Path },
  ]
  console.log(`\n${'the file source'.padEnd(36)}${'split'.padStart(11)}${'lines()'.padStart(12)}${'→ decodeCounted'.padStart(17)}   µs/line split, lines()`)
  for (const f of files) {
    const bytes = readFileSync(f.path)
    const [split, read, decoded]: number[][] = [[], [], []]
    for (let r = 0; r < rounds; r++) {
      split.push(splitPass(bytes))
      read.push(await filePass(f.path, null))
      decoded.push(await filePass(f.path, f.shape))
    }
    const [s, l, d] = [median(split), median(read), median(decoded)]
    const us = `${(1e6 / s).toFixed(2)}, ${(1e6 / l).toFixed(2)}`
    console.log(`${f.name.padEnd(36)}${rate(s).padStart(11)}${rate(l).padStart(12)}${rate(d).padStart(17)}   ${us}`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log(`\nload average ${loadavg()[0].toFixed(2)} at end`)
