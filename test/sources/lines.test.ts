import fs from 'node:fs'
import { resolve } from 'node:path'
import * as fc from 'fast-check'
import { lastValueFrom, take, tap, toArray } from 'rxjs'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { fromLine, lines } from '../../src/sources/lines.js'
import type { FileLine } from '../../src/sources/splitter.js'
import { lineSplitter } from '../../src/sources/splitter.js'
import { tempFolder } from './temp.js'

const temp = tempFolder()
afterAll(temp.cleanup)
afterEach(() => {
  vi.restoreAllMocks()
})

const read = (path: string, chunkSize?: number) =>
  lastValueFrom(lines(path, chunkSize === undefined ? {} : { chunkSize }).pipe(toArray()))
const values = async (path: string, chunkSize?: number) => (await read(path, chunkSize)).map((l) => l.value)
const bytes = (...parts: (string | readonly number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))))
const tick = () => new Promise((r) => setTimeout(r, 20))

/** What the lines of `input` must be: decode it whole, drop the file's BOM, split, drop one `\r` per line. */
const oracle = (input: Uint8Array): { value: string; end: number }[] => {
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(input)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const parts = text.split('\n')
  if (parts[parts.length - 1] === '') parts.pop()
  const ends: number[] = []
  input.forEach((b, i) => b === 0x0a && ends.push(i + 1))
  return parts.map((p, i) => ({ value: p.endsWith('\r') ? p.slice(0, -1) : p, end: ends[i] ?? input.length }))
}

describe('line semantics', () => {
  const cases: [string, Uint8Array, string[]][] = [
    ['LF endings', bytes('a\nb\n'), ['a', 'b']],
    ['no final newline', bytes('a\nb'), ['a', 'b']],
    ['CRLF endings, one \\r dropped', bytes('a\r\nb\r\r\nc\r'), ['a', 'b\r', 'c']],
    ['a \\r inside a line kept', bytes('x\ry\n'), ['x\ry']],
    ['blank lines kept', bytes('\n\na\n\r\n\n'), ['', '', 'a', '', '']],
    ['an empty file', bytes(''), []],
    ['a lone newline', bytes('\n'), ['']],
    ['the file BOM dropped, others kept', bytes('\uFEFFa\n\uFEFFb\n'), ['a', '\uFEFFb']],
    ['multi-byte characters', bytes('é€😀\nñ'), ['é€😀', 'ñ']],
    [
      'invalid UTF-8 as U+FFFD',
      bytes('a', [0xff], '\n', [0xe2, 0x82], '\nb', [0xc3], '\r\n', [0xf0, 0x9f]),
      ['a\uFFFD', '\uFFFD', 'b\uFFFD', '\uFFFD'],
    ],
  ]
  const chunkSizes = [1, 2, 3, 5, 65536]

  it.each(cases)('%s', async (_, input, expected) => {
    const path = temp.file(input)

    const results = await Promise.all(chunkSizes.map((size) => values(path, size)))

    results.forEach((r) => expect(r).toEqual(expected))
  })

  it('numbers lines from 1 and gives the byte offset after each', async () => {
    const path = temp.file(bytes('ab\r\n\né\n', [0xff], 'z'))

    const records = await read(path, 2)

    expect(records).toEqual([
      { line: 1, value: 'ab', end: 4 },
      { line: 2, value: '', end: 5 },
      { line: 3, value: 'é', end: 8 },
      { line: 4, value: '\uFFFDz', end: 10 },
    ])
  })

  it('splits any bytes in any chunking as decoding the whole file would', () => {
    // ASCII-only chunks are decoded as Latin-1 and the others as UTF-8, so both kinds must occur;
    // the byte pieces are invalid UTF-8: stray, truncated, overlong, surrogate, beyond U+10FFFF.
    const piece = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('\n', '\r', '\r\n', 'a', ' ', '{"x":[0.5,1]}') },
      fc.constantFrom('é', '€', '😀', '\uFEFF'),
      fc.constantFrom([0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80]),
    )
    const size = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(16, 64))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), size, (pieces, size) => {
        const input = bytes(...pieces)
        const got: FileLine[] = []
        const splitter = lineSplitter((l) => got.push(l) > 0)

        // Plain Uint8Arrays, as a stream may hand out, rather than the Buffers a file read gives.
        for (let i = 0; i < input.length; i += size) splitter.push(Uint8Array.from(input.subarray(i, i + size)))
        splitter.end()

        expect(got).toEqual(oracle(input).map((l, i) => ({ line: i + 1, ...l })))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('reading a file', () => {
  it('is cold: each subscription reads the file again', async () => {
    const path = temp.file('1\n2\n')

    const [a, b] = await Promise.all([values(path), values(path)])

    expect(a).toEqual(['1', '2'])
    expect(b).toEqual(a)
  })

  it('resumes at a byte offset with the numbering it is given', async () => {
    const path = temp.file('l1\nl2\r\nl3\n\nl5')
    const all = await read(path, 3)
    const start = { byte: all[1].end, line: all[1].line + 1 }

    const rest = await lastValueFrom(lines(path, { chunkSize: 3, start }).pipe(toArray()))

    expect(rest).toEqual(all.slice(2))
  })

  it('resumes at a line number by dropping the lines before it', async () => {
    const path = temp.file('a\nb\nc\nd\n')

    const rest = await lastValueFrom(lines(path).pipe(fromLine(3), toArray()))

    expect(rest.map((l) => [l.line, l.value])).toEqual([
      [3, 'c'],
      [4, 'd'],
    ])
  })

  it('fails naming the resolved path of a missing file', async () => {
    const missing = resolve('no/such/events.jsonl')

    await expect(read('no/such/events.jsonl')).rejects.toThrow(`cannot read ${missing}: no such file or directory`)
  })

  it('fails naming a folder given as a file', async () => {
    await expect(read(temp.dir)).rejects.toThrow(`cannot read ${temp.dir}: is a directory`)
  })

  it('refuses a chunk size that is not a positive integer', () => {
    expect(() => lines('x', { chunkSize: 0 })).toThrow('lines: chunkSize must be a positive integer, got 0')
  })
})

describe('pulling and closing', () => {
  const numbered = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(3, '0')}\n`).join('') // 4 bytes a line

  it('reads a chunk only after the lines before it were consumed', async () => {
    const path = temp.file(numbered)
    const reads = vi.spyOn(fs, 'read')
    const readsSeen: number[] = []
    const seeReads = tap<FileLine>(() => readsSeen.push(reads.mock.calls.length))

    const got = await lastValueFrom(lines(path, { chunkSize: 8 }).pipe(seeReads, toArray()))

    // Line k ends at byte 4k, which lies in chunk ceil(4k / 8): no chunk is read ahead of its lines.
    expect(readsSeen).toEqual(got.map((l) => Math.ceil(l.end / 8)))
    expect(reads).toHaveBeenCalledTimes(51) // 50 chunks and the read that finds the end
  })

  it('closes the file when the consumer unsubscribes, and reads no further', async () => {
    const path = temp.file(numbered)
    const reads = vi.spyOn(fs, 'read')
    const closes = vi.spyOn(fs, 'close')

    const got = await lastValueFrom(lines(path, { chunkSize: 8 }).pipe(take(3), toArray()))
    await tick()

    expect(got.map((l) => l.value)).toEqual(['000', '001', '002'])
    expect(reads).toHaveBeenCalledTimes(2)
    expect(closes).toHaveBeenCalledTimes(1)
    expect(closes.mock.calls[0][0]).toBe(reads.mock.calls[0][0])
  })

  it('closes the file opened after an unsubscribe that came first', async () => {
    const path = temp.file(numbered)
    const reads = vi.spyOn(fs, 'read')
    const closes = vi.spyOn(fs, 'close')

    lines(path).subscribe().unsubscribe()
    await tick()

    expect(reads).not.toHaveBeenCalled()
    expect(closes).toHaveBeenCalledTimes(1)
  })

  it('closes the file after a read in flight at unsubscribe has finished', async () => {
    type Done = (error: NodeJS.ErrnoException | null, bytes: number, buffer: Buffer) => void
    type Read = (fd: number, buffer: Buffer, offset: number, length: number, position: number, done: Done) => void
    type Close = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void
    const path = temp.file(numbered)
    const events: string[] = []
    const realRead = fs.read as Read
    const realClose = fs.close as Close
    const subscription = lines(path, { chunkSize: 8 }).subscribe()
    const unsubscribeMidRead: Read = (fd, buffer, offset, length, position, done) => {
      events.push('read')
      subscription.unsubscribe()
      realRead(fd, buffer, offset, length, position, (error, bytes, b) => {
        events.push('read done')
        done(error, bytes, b)
      })
    }
    const close: Close = (fd, done) => {
      events.push('close')
      realClose(fd, done)
    }
    vi.spyOn(fs, 'read').mockImplementation(unsubscribeMidRead as typeof fs.read)
    const closes = vi.spyOn(fs, 'close').mockImplementation(close as typeof fs.close)

    await tick()

    expect(events).toEqual(['read', 'read done', 'close'])
    expect(closes).toHaveBeenCalledTimes(1)
  })
})
