/**
 * Lines per second of event decoding and of the file source, on MNIST digits lines (784 numbers,
 * ~80% of them `0`, from `npm run data`) and W1 lines (16 numbers with 4 decimals, y a number),
 * plus two more shapes for the number parser. Three layers: the decoders on lines already in
 * memory (fast path vs codec path), the line splitter on in-memory 64 KiB chunks, and the whole
 * file source (`lines`, then `decodeCounted`) on a real file. Each round runs every measurement
 * once after waiting for the machine to go quiet, each pass after a garbage collection; medians
 * (and the best round) of process CPU time. Run: npx tsx bench/decode.ts [--quick]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
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
import { awaitQuiet, cpuSeconds, machineLine, median, settle } from './timing.js'

const quick = process.argv.includes('--quick')
const rounds = quick ? 3 : 9
const digitsPath = 'pipelines/data/digits-train.jsonl'
if (!existsSync(digitsPath)) throw new Error(`bench: ${digitsPath} is missing; run npm run data first`)

// ---- workloads ----

/** The lines of `bytes` as the file source hands them over (each its own string), blank ones left out. */
const splitLines = (bytes: Uint8Array): readonly string[] => {
  const all: string[] = []
  const splitter = lineSplitter(({ value }) => all.push(value) > 0)
  for (let i = 0; i < bytes.length; i += 65536) splitter.push(bytes.subarray(i, i + 65536))
  splitter.end()
  return all.filter((l) => l !== '')
}

const count = quick ? 30_000 : 100_000
const k = key(42)
const value = (i: number): number => unit(k, i) * 4 - 2
/** The text of a file of 16-input lines. */
const generated = (write: (v: number) => string, target: (n: number) => string): string =>
  Array.from({ length: count }, (_, n) => `{"x":[${Array.from({ length: 16 }, (_, j) => write(value(n * 17 + j))).join(',')}],"y":${target(n)}}\n`).join('')
const y = (n: number): number => value(n * 17 + 16)

interface Workload {
  readonly name: string
  readonly text: Uint8Array
  readonly shape: EventShape
}
const w1Shape: EventShape = { inputs: 16, targets: 1, classes: false }
const workloads: readonly Workload[] = [
  { name: 'digits (784 numbers, y a class)', text: readFileSync(digitsPath), shape: { inputs: 784, targets: 10, classes: true } },
  { name: 'W1 (16 × 4 decimals, y a number)', text: Buffer.from(generated((v) => v.toFixed(4), (n) => y(n).toFixed(4))), shape: w1Shape },
  { name: 'full precision, y a number', text: Buffer.from(generated(String, (n) => String(y(n)))), shape: w1Shape },
  {
    name: '4 decimals, y a class of 10',
    text: Buffer.from(generated((v) => v.toFixed(4), (n) => String(n % 10))),
    shape: { inputs: 16, targets: 10, classes: true },
  },
]

// ---- passes: each answers lines per CPU second ----

type Decode = (line: string, s: EventShape) => E.Either<string, unknown>
const decodePass = (decode: Decode, all: readonly string[], shape: EventShape) => (): number => {
  const t0 = cpuSeconds()
  let ok = 0
  for (const line of all) if (E.isRight(decode(line, shape))) ok++
  const seconds = cpuSeconds() - t0
  if (ok !== all.length) throw new Error(`bench: ${all.length - ok} lines were rejected`)
  return all.length / seconds
}

const splitPass = (bytes: Uint8Array) => (): number => {
  let n = 0
  const t0 = cpuSeconds()
  const splitter = lineSplitter(({ value }) => (n += value.length > 0 ? 1 : 0) > 0)
  for (let i = 0; i < bytes.length; i += 65536) splitter.push(bytes.subarray(i, i + 65536))
  splitter.end()
  return n / (cpuSeconds() - t0)
}

const filePass = (path: string, shape: EventShape | null) => async (): Promise<number> => {
  const t0 = cpuSeconds()
  const source = lines(path)
  const tally = reduce((n: number) => n + 1, 0)
  const n = await lastValueFrom(shape === null ? source.pipe(tally) : source.pipe(decodeCounted(shape), tally))
  return n / (cpuSeconds() - t0)
}

// ---- rounds and report ----

let loudRounds = 0
/** Medians and bests over the rounds, each round running every pass once (round-robin). */
const measure = async (passes: readonly (() => number | Promise<number>)[]): Promise<{ median: number; best: number }[]> => {
  const rates: number[][] = passes.map(() => [])
  for (let r = 0; r < rounds; r++) {
    if (!awaitQuiet()) loudRounds++
    for (const [i, pass] of passes.entries()) {
      settle()
      rates[i].push(await pass())
    }
  }
  return rates.map((xs) => ({ median: median(xs), best: Math.max(...xs) }))
}

const rate = (r: number): string => (r >= 1e6 ? `${(r / 1e6).toFixed(2)}M` : `${(r / 1e3).toFixed(1)}k`)
const cell = ({ median: m, best }: { median: number; best: number }, width = 20): string => `${rate(m)} (${rate(best)})`.padStart(width)

console.log(machineLine(), 'at start')
console.log(`lines/s by process CPU time: median of ${rounds} rounds (best round)\n`)
console.log(`${'decoding lines in memory'.padEnd(36)}${'fast path'.padStart(20)}${'codec path'.padStart(20)}   ratio`)
for (const w of workloads) {
  const all = splitLines(w.text)
  const [fast, codec] = await measure([decodePass(decodeEvent, all, w.shape), decodePass(decodeEventByCodec, all, w.shape)])
  console.log(`${w.name.padEnd(36)}${cell(fast)}${cell(codec)}   ×${(fast.median / codec.median).toFixed(1)}`)
}

const dir = mkdtempSync(join(tmpdir(), 'streamprop-bench-'))
try {
  const files = [
    { ...workloads[0], path: digitsPath },
    { ...workloads[1], path: join(dir, 'w1.jsonl') },
  ]
  writeFileSync(files[1].path, files[1].text)
  console.log(`\n${'the file source'.padEnd(36)}${'split'.padStart(20)}${'lines()'.padStart(20)}${'→ decodeCounted'.padStart(20)}   µs/line: split, lines()`)
  for (const f of files) {
    const [split, read, decoded] = await measure([splitPass(f.text), filePass(f.path, null), filePass(f.path, f.shape)])
    const us = `${(1e6 / split.median).toFixed(2)}, ${(1e6 / read.median).toFixed(2)}`
    console.log(`${f.name.padEnd(36)}${cell(split)}${cell(read)}${cell(decoded)}   ${us}`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log(`\nrounds begun while other processes kept the machine busy: ${loudRounds}; load average ${loadavg()[0].toFixed(2)} at end`)
