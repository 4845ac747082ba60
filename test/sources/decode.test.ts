import { from, lastValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { DeadLetter } from '../../src/spec/records.js'
import type { EventShape } from '../../src/spec/widths.js'
import { type RawRecord, type Tally, decodeCounted } from '../../src/sources/decode.js'

const pair: EventShape = { inputs: 2, targets: 1, classes: false }

const records: RawRecord[] = [
  { line: 1, value: '{"x":[1,2],"y":3}', end: 18 },
  { line: 2, value: '   ', end: 22 },
  { line: 3, value: '{"x":[1],"y":3}\r', end: 39 },
  { line: 4, value: '{"x":[4,5],"y":6}', end: 57 },
  { line: 5, value: 'a,b', raw: 'a,b', error: 'row 5: not a number' },
  { line: 6, value: '{"x":[7,8],"y":9}', raw: '7,8,9', subject: 's' },
]

const run = async (options: Parameters<typeof decodeCounted>[1] = {}) => lastValueFrom(from(records).pipe(decodeCounted(pair, options), toArray()))
const tally = (events: number, trained: number, deadLettered: number, skipped: number): Tally => ({ events, trained, deadLettered, skipped })

describe('decodeCounted', () => {
  it('gives each sample the fields of its record and the tally as of its line', async () => {
    const samples = await run()

    expect(samples).toEqual([
      { line: 1, value: { x: Float32Array.of(1, 2), y: Float32Array.of(3) }, end: 18, tally: tally(1, 1, 0, 0) },
      { line: 4, value: { x: Float32Array.of(4, 5), y: Float32Array.of(6) }, end: 57, tally: tally(4, 2, 1, 1) },
      { line: 6, value: { x: Float32Array.of(7, 8), y: Float32Array.of(9) }, raw: '7,8,9', subject: 's', tally: tally(6, 3, 2, 1) },
    ])
  })

  it('reports every record to onTally, counting each once, and continues from a resumed tally', async () => {
    const seen: Tally[] = []

    await run({ from: tally(10, 7, 2, 1), onTally: (t) => seen.push(t) })

    expect(seen).toEqual([tally(11, 8, 2, 1), tally(12, 8, 2, 2), tally(13, 8, 3, 2), tally(14, 9, 3, 2), tally(15, 9, 4, 2), tally(16, 10, 4, 2)])
    seen.forEach((t) => expect(t.events).toBe(t.trained + t.deadLettered + t.skipped))
  })

  it('hands out tallies that later records leave alone', async () => {
    const seen: Tally[] = []

    const samples = await run({ onTally: (t) => seen.push(t) })

    expect(samples.map((s) => s.tally)).toEqual([tally(1, 1, 0, 0), tally(4, 2, 1, 1), tally(6, 3, 2, 1)])
    expect(seen[0]).toEqual(tally(1, 1, 0, 0))
  })

  it('sends dead letters with their record: the decoder reason, or the source reason and raw text', async () => {
    const letters: [DeadLetter, number][] = []

    await run({ deadLetters: (d, r) => letters.push([d, r.line]) })

    expect(letters).toEqual([
      [{ line: 3, raw: '{"x":[1],"y":3}', error: 'x: expected 2 numbers, got 1' }, 3],
      [{ line: 5, raw: 'a,b', error: 'row 5: not a number' }, 5],
    ])
  })

  it('counts from the start again for each subscription', async () => {
    const operator = decodeCounted(pair)

    const [a, b] = await Promise.all([lastValueFrom(from(records).pipe(operator, toArray())), lastValueFrom(from(records).pipe(operator, toArray()))])

    expect(a.map((s) => s.tally)).toEqual(b.map((s) => s.tally))
  })
})
