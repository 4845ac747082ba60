import { readFileSync } from 'node:fs'
import { Observable, VirtualTimeScheduler, lastValueFrom, map, toArray } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { afterAll, describe, expect, it } from 'vitest'
import type { Numbered } from '../../src/spec/records.js'
import { lines } from '../../src/sources/lines.js'
import { record } from '../../src/sources/record.js'
import { type Recorded, formatRecorded, parseRecording, readRecording } from '../../src/sources/recording.js'
import { replay } from '../../src/sources/replay.js'
import { tempFolder } from './temp.js'

const temp = tempFolder()
afterAll(temp.cleanup)

const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
const writeRecording = (records: readonly Recorded[]): string => temp.file(records.map(formatRecorded).join('\n') + '\n')

const minute = 60_000
/** An hour of one event a minute: the recording a virtual clock must replay in milliseconds. */
const hour: Recorded[] = Array.from({ length: 61 }, (_, i) => ({
  t: i * minute,
  line: i + 1,
  raw: `{"x":[${i}],"y":${i % 2}}`,
}))

describe('the recording format', () => {
  it('round-trips records through its text, subject and odd text included', () => {
    const records: Recorded[] = [
      { t: 0, line: 1, raw: '{"x":[1],"y":0}' },
      { t: 12.5, line: 2, raw: '' },
      { t: 40, line: 7, raw: 'not "json"\t€', subject: 'sensors.a' },
    ]

    const text = records.map(formatRecorded).join('\n')

    expect(text.split('\n')[0]).toBe('{"t":0,"line":1,"raw":"{\\"x\\":[1],\\"y\\":0}"}')
    expect(parseRecording(`${text}\n\n`)).toEqual(records)
  })

  it('refuses a malformed recording line, naming the file and line', () => {
    expect(() => parseRecording('{"t":0,"line":1,"raw":"a"}\n{"t":"soon","line":2,"raw":"b"}', 'f.jsonl')).toThrow(
      'f.jsonl:2: expected {"t": ms, "line": n, "raw": text}, got {"t":"soon","line":2,"raw":"b"}',
    )
  })

  it('names the resolved path of a missing recording', () => {
    const missing = `${temp.dir}/gone.jsonl`

    expect(() => readRecording(missing)).toThrow(`cannot read ${missing}: no such file or directory`)
  })
})

describe('record', () => {
  it('stamps each record with the virtual time since subscription', () => {
    const scheduler = testScheduler()

    scheduler.run(({ cold, expectObservable }) => {
      const source = cold<Numbered<string>>('a 9ms b 90ms (c|)', {
        a: { line: 1, value: 'A' },
        b: { line: 2, value: 'B' },
        c: { line: 3, value: 'C', subject: 's' },
      })

      expectObservable(source.pipe(record(scheduler)), '5ms ^').toBe('5ms a 9ms b 90ms (c|)', {
        a: { t: 0, line: 1, raw: 'A' },
        b: { t: 10, line: 2, raw: 'B' },
        c: { t: 101, line: 3, raw: 'C', subject: 's' },
      })
    })
  })
})

describe('replay', () => {
  it('replays as fast as possible, keeping the line numbers', async () => {
    const got = await lastValueFrom(replay(hour, { clock: 'fast' }).pipe(toArray()))

    expect(got).toEqual(hour.map((r) => ({ line: r.line, value: r.raw })))
  })

  it('replays an hour on its recorded clock in virtual time, in milliseconds of wall time', () => {
    const scheduler = testScheduler()
    const started = performance.now()
    const times: number[] = []

    scheduler.run(() => {
      replay(hour, { clock: 'recorded' }).subscribe(() => times.push(scheduler.now()))
    })

    expect(times).toEqual(hour.map((r) => r.t))
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('keeps the recorded gaps, as marbles show', () => {
    const records: Recorded[] = [
      { t: 0, line: 1, raw: 'a' },
      { t: 0, line: 2, raw: 'b' },
      { t: 30 * minute, line: 3, raw: 'c' },
      { t: 60 * minute, line: 5, raw: 'e' },
    ]

    testScheduler().run(({ expectObservable }) => {
      // '(ab)' spans frames 0-3 and 'c' one frame, hence the 59.996 s and 59.999 s.
      const values = replay(records, { clock: 'recorded' }).pipe(map((r) => r.value))
      expectObservable(values).toBe('(ab) 29m 59.996s c 29m 59.999s (e|)')
    })
  })

  it('runs on a VirtualTimeScheduler it is given', () => {
    const scheduler = new VirtualTimeScheduler()
    const seen: [number, number][] = []

    replay(hour, { clock: 'recorded', scheduler }).subscribe((r) => seen.push([scheduler.now(), r.line]))
    expect(seen).toEqual([[0, 1]])
    scheduler.flush()

    expect(seen).toEqual(hour.map((r) => [r.t, r.line]))
  })

  it('reads a recording file on every subscription', () => {
    const path = writeRecording(hour.slice(0, 3))
    const scheduler = new VirtualTimeScheduler()
    const seen: number[] = []
    const source = replay(path, { clock: 'recorded', scheduler })

    source.subscribe((r) => seen.push(r.line))
    source.subscribe((r) => seen.push(r.line))
    scheduler.flush()

    expect(seen).toEqual([1, 1, 2, 2, 3, 3])
  })
})

describe('recorded, then replayed', () => {
  it('gives back the timeline it recorded', () => {
    const values = { a: { line: 1, value: '{"x":[1]}' }, b: { line: 2, value: '' }, c: { line: 4, value: 'oops' } }
    const timeline = 'a 4m b 999ms 20m (c|)'
    let recorded: Recorded[] = []
    testScheduler().run(({ cold }) => {
      cold<Numbered<string>>(timeline, values)
        .pipe(record(), toArray())
        .subscribe((r) => {
          recorded = r
        })
    })
    const path = writeRecording(recorded)

    testScheduler().run(({ expectObservable }) => {
      expectObservable(replay(path, { clock: 'recorded' })).toBe(timeline, values)
    })
  })

  it('records a file source and replays the same raw records', async () => {
    const source = temp.file('{"x":[1],"y":0}\r\n\nnot json\n{"x":[2],"y":1}')
    const original = await lastValueFrom(lines(source).pipe(toArray()))
    const recorded = await lastValueFrom(lines(source).pipe(record(new VirtualTimeScheduler()), toArray()))
    const path = writeRecording(recorded)

    const replayed = await lastValueFrom(replay(path, { clock: 'fast' }).pipe(toArray()))

    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe('{"t":0,"line":1,"raw":"{\\"x\\":[1],\\"y\\":0}"}')
    expect(replayed).toEqual(original.map(({ line, value }) => ({ line, value })))
  })

  it('errors, not throws, when the recording file is missing', async () => {
    const source: Observable<Numbered<string>> = replay(`${temp.dir}/none.jsonl`, { clock: 'fast' })

    await expect(lastValueFrom(source)).rejects.toThrow(`cannot read ${temp.dir}/none.jsonl: no such file or directory`)
  })
})
