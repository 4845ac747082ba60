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
const lines = (write: (v: number) => string, y: (n: number) => string): readonly string[] =>
  Array.from({ length: count }, (_, n) => {
    const x = Array.from({ length: inputs }, (_, j) => write(value(n * (inputs + 1) + j)))
    return `{"x":[${x.join(',')}],"y":${y(n)}}`
  })

const workloads: readonly (readonly [string, readonly string[], EventShape])[] = [
  ['4 decimals, y a number', lines((v) => v.toFixed(4), (n) => value(n * (inputs + 1) + inputs).toFixed(4)), shape],
  ['full precision, y a number', lines((v) => String(v), (n) => String(value(n * (inputs + 1) + inputs))), shape],
  ['4 decimals, y a class index of 10', lines((v) => v.toFixed(4), (n) => String(n % 10)), classes],
]

/** Events per second of the best of `rounds` passes over all lines. */
const rate = (decode: (line: string, s: EventShape) => E.Either<string, unknown>, all: readonly string[], s: EventShape, rounds = 5): number => {
  let best = Infinity
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint()
    let ok = 0
    for (const line of all) if (E.isRight(decode(line, s))) ok++
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    if (ok !== all.length) throw new Error(`bench: ${all.length - ok} lines were rejected`)
    best = Math.min(best, seconds)
  }
  return all.length / best
}

const format = (r: number): string => `${(r / 1000).toFixed(0).padStart(6)}k events/s`
for (const [name, all, s] of workloads) {
  const fast = rate(decodeEvent, all, s)
  const codec = rate(decodeEventByCodec, all, s)
  console.log(`${name.padEnd(36)} fast path ${format(fast)}   codec path ${format(codec)}   ×${(fast / codec).toFixed(1)}`)
}
