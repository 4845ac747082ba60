/**
 * Memory bound of `lines`: a million events (about 170 MB) stream through a synchronous
 * consumer while the heap (plus Buffers outside it) grows by far less than the file's size, and
 * the source never holds more than one chunk ahead of the line being consumed.
 */
import fs, { closeSync, openSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { lastValueFrom, take, tap } from 'rxjs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { lines } from '../../src/sources/lines.js'
import { key, unit } from '../../src/tensor/random.js'
import { tempFolder } from './temp.js'

const events = 1_000_000
const chunkSize = 65536
const bound = 64 * 2 ** 20

// vitest does not pass --expose-gc; the flag still works when set before a new context asks for gc.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1)

const temp = tempFolder()
let path = ''

/** Writes `events` lines `{"id": i, "x": [16 numbers], "y": [1 number]}`, numbers drawn from seed 1. */
const writeEvents = (file: string): void => {
  // 4096 seeded bodies, cycled under a running id, write the 170 MB in about a second.
  const k = key(1)
  const bodies = Array.from({ length: 4096 }, (_, i) => {
    const n = Array.from({ length: 17 }, (_, j) => unit(k, i * 17 + j).toFixed(6))
    return `"x":[${n.slice(0, 16).join(',')}],"y":[${n[16]}]}\n`
  })
  const fd = openSync(file, 'w')
  for (let start = 0; start < events; start += 10_000) {
    let block = ''
    for (let i = start; i < Math.min(events, start + 10_000); i++) block += `{"id":${i},${bodies[i % 4096]}`
    writeSync(fd, block)
  }
  closeSync(fd)
}

interface Measured {
  readonly consumed: number
  readonly peakGrowth: number
  readonly retained: number
  readonly maxReadAhead: number
  readonly peakRss: number
}

/** Streams the file through `work`, sampling heap + external memory every 1000 lines. */
const measure = async (work: (raw: string) => number, limit = events): Promise<Measured> => {
  const reads = vi.spyOn(fs, 'read')
  gc()
  const before = process.memoryUsage()
  const baseline = before.heapUsed + before.external
  let peak = baseline
  let peakRss = before.rss
  let maxReadAhead = 0
  let consumed = 0
  let checksum = 0
  try {
    await lastValueFrom(
      lines(path, { chunkSize }).pipe(
        take(limit),
        tap(({ line, value, end }) => {
          checksum += work(value)
          consumed = line
          // Bytes asked for by the latest read, beyond the end of the line being consumed.
          // (spyOn types the calls by fs.read's last overload; the call used passes the position 5th.)
          const last = reads.mock.lastCall as readonly unknown[] | undefined
          if (last) maxReadAhead = Math.max(maxReadAhead, Number(last[4]) + chunkSize - end)
          if (line % 1000 === 0) {
            const m = process.memoryUsage()
            peak = Math.max(peak, m.heapUsed + m.external)
            peakRss = Math.max(peakRss, m.rss)
          }
        }),
      ),
    )
  } finally {
    reads.mockRestore()
  }
  expect(Number.isFinite(checksum)).toBe(true)
  gc()
  const after = process.memoryUsage()
  const retained = after.heapUsed + after.external - baseline
  return { consumed, peakGrowth: peak - baseline, retained, maxReadAhead, peakRss }
}

/** The "little work" a decoder does: parse the line, check its order, sum its inputs. */
const decode = (raw: string, expectedId: number): number => {
  const event = JSON.parse(raw) as { id: number; x: number[] }
  if (event.id !== expectedId) throw new Error(`line out of order: id ${event.id}, expected ${expectedId}`)
  return event.x.reduce((a, b) => a + b, 0)
}

const report = (m: Measured, size: number) =>
  `${m.consumed} lines of a ${mb(size)} MB file: peak heap+external growth ${mb(m.peakGrowth)} MB, ` +
  `retained after gc ${mb(m.retained)} MB, max read-ahead ${m.maxReadAhead} bytes, peak rss ${mb(m.peakRss)} MB`

describe('memory while streaming a million events', { timeout: 60_000 }, () => {
  beforeAll(() => {
    path = join(temp.dir, 'events.jsonl')
    writeEvents(path)
  })
  afterAll(temp.cleanup)

  it('stays under 64 MB with a consumer that decodes each line', async ({ annotate }) => {
    let id = 0

    const m = await measure((raw) => decode(raw, id++))

    await annotate(report(m, statSync(path).size))
    expect(statSync(path).size).toBeGreaterThan(150 * 2 ** 20)
    expect(m.consumed).toBe(events)
    expect(m.peakGrowth).toBeLessThan(bound)
    expect(m.retained).toBeLessThan(8 * 2 ** 20)
    expect(m.maxReadAhead).toBeLessThanOrEqual(chunkSize)
  })

  it('stays under 64 MB when the consumer is ten times slower', async ({ annotate }) => {
    // Ten decodes a line would take ~20 s for the whole file; 200k lines (34 MB, ~4 s) show the
    // same thing, since a source that ran ahead would do so from its first chunk on.
    const limit = 200_000
    let id = 0

    const m = await measure((raw) => {
      let sum = 0
      for (let r = 0; r < 10; r++) sum += decode(raw, id)
      id += 1
      return sum
    }, limit)

    await annotate(report(m, statSync(path).size))
    expect(m.consumed).toBe(limit)
    expect(m.peakGrowth).toBeLessThan(bound)
    expect(m.maxReadAhead).toBeLessThanOrEqual(chunkSize)
  })

  it('keeps a retained line at its own size, not its chunk (as a sink keeping dead letters would)', async ({ annotate }) => {
    // One line in 500 of 200k: about 400 lines of ~170 bytes, each from a different 64 KiB chunk.
    // Were a line a slice of its decoded chunk, they would pin 400 chunks, some 25 MB.
    const limit = 200_000
    const kept: string[] = []
    let seen = 0

    const m = await measure((raw) => {
      if (seen++ % 500 === 0) kept.push(raw)
      return raw.length
    }, limit)

    await annotate(`${report(m, statSync(path).size)}; ${kept.length} lines kept`)
    expect(kept).toHaveLength(limit / 500)
    expect(m.retained).toBeLessThan(4 * 2 ** 20)
  })
})
