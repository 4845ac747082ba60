/**
 * Decode throughput of the two event paths on 100k typical lines (16 inputs, one target), for
 * numbers written with 4 decimals and with full double precision (as JSON.stringify or Python
 * write them). Run: npx tsx bench/decode.ts
 */
import * as E from 'fp-ts/lib/Either.js'
import { decodeEvent } from '../src/spec/event.js'
import { decodeEventByCodec } from '../src/spec/eventCodec.js'
import { key, unit } from '../src/tensor/random.js'
import type { EventShape } from '../src/spec/widths.js'

const count = 100_000
const inputs = 16
const shape: EventShape = { inputs, targets: 1, classes: false }
const classes: EventShape = { inputs, targets: 10, classes: true }

const k = key(42)
const value = (i: number): number => unit(k, i) * 4 - 2
/** Lines as a source hands them over: split from one file text, not built one by one. */
const lines = (write: (v: number) => string, target: (n: number) => string): readonly string[] =>
  Array.from({ length: count }, (_, n) => {
    const x = Array.from({ length: inputs }, (_, j) => write(value(n * (inputs + 1) + j)))
    return `{"x":[${x.join(',')}],"y":${target(n)}}`
  })
    .join('\n')
    .split('\n')

const y = (n: number): number => value(n * (inputs + 1) + inputs)
const workloads: readonly (readonly [string, readonly string[], EventShape])[] = [
  ['4 decimals, y a number', lines((v) => v.toFixed(4), (n) => y(n).toFixed(4)), shape],
  ['full precision, y a number', lines(String, (n) => String(y(n))), shape],
  ['4 decimals, y a class index of 10', lines((v) => v.toFixed(4), (n) => String(n % 10)), classes],
]

type Decode = (line: string, s: EventShape) => E.Either<string, unknown>

/** Seconds for one pass of `decode` over all lines; every line must decode. */
const pass = (decode: Decode, all: readonly string[], s: EventShape): number => {
  const start = process.hrtime.bigint()
  let ok = 0
  for (const line of all) if (E.isRight(decode(line, s))) ok++
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  if (ok !== all.length) throw new Error(`bench: ${all.length - ok} lines were rejected`)
  return seconds
}

// The two paths alternate, so a change in machine load hits both alike; the best pass counts.
const rounds = 7
const format = (r: number): string => `${(r / 1000).toFixed(0).padStart(5)}k events/s`
for (const [name, all, s] of workloads) {
  let fast = Infinity
  let codec = Infinity
  for (let r = 0; r < rounds; r++) {
    fast = Math.min(fast, pass(decodeEvent, all, s))
    codec = Math.min(codec, pass(decodeEventByCodec, all, s))
  }
  const [f, c] = [all.length / fast, all.length / codec]
  console.log(`${name.padEnd(34)} fast path ${format(f)}   codec path ${format(c)}   ×${(f / c).toFixed(1)}`)
}
