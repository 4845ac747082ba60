import { spawnSync } from 'node:child_process'
import { PassThrough, Readable } from 'node:stream'
import { lastValueFrom, take, tap, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { readableLines } from '../../src/sources/readable.js'

const collect = (stream: Readable) => lastValueFrom(readableLines(stream).pipe(toArray()))

describe('readableLines', () => {
  it('has the line semantics of files, across chunk boundaries', async () => {
    const euro = Buffer.from('€')
    const chunks = [
      ...['a\nb', 'c\r', '\n\n'].map((s) => Buffer.from(s)),
      euro.subarray(0, 1),
      euro.subarray(1),
      Buffer.from('\n'),
      Buffer.from([0xff]),
      Buffer.from('d'),
    ]

    const got = await collect(Readable.from(chunks))

    expect(got).toEqual([
      { line: 1, value: 'a', end: 2 },
      { line: 2, value: 'bc', end: 6 },
      { line: 3, value: '', end: 7 },
      { line: 4, value: '€', end: 11 },
      { line: 5, value: '\uFFFDd', end: 13 },
    ])
  })

  it('takes string chunks too', async () => {
    const got = await collect(Readable.from(['x\ny', '\n']))

    expect(got.map((l) => l.value)).toEqual(['x', 'y'])
  })

  it('pulls from the producer only as the lines are consumed', async () => {
    let produced = 0
    const lag: number[] = []
    const stream = new Readable({
      highWaterMark: 32,
      read() {
        produced += 1
        this.push(produced <= 1000 ? `${String(produced).padStart(7, '0')}\n` : null) // 8 bytes a line
      },
    })

    const got = await lastValueFrom(readableLines(stream).pipe(tap((l) => lag.push(produced - l.line)), toArray()))

    expect(got).toHaveLength(1000)
    // The stream buffers up to its highWaterMark (32 bytes, 4 lines) ahead of the consumer, no more.
    expect(Math.max(...lag)).toBeLessThanOrEqual(5)
  })

  it('lets go of the stream after an unsubscribe, leaving later chunks unread', async () => {
    const stream = new PassThrough()
    stream.write('1\n2\n')

    const first = await lastValueFrom(readableLines(stream).pipe(take(1), toArray()))
    stream.end('3\n')

    expect(first.map((l) => l.value)).toEqual(['1'])
    expect(stream.listenerCount('readable') + stream.listenerCount('data')).toBe(0)
    expect(stream.readableFlowing).not.toBe(true)
    expect(String(stream.read())).toBe('3\n')
  })

  it('completes at once on a stream that has already ended', async () => {
    const stream = Readable.from(['a\n'])
    await collect(stream)

    expect(await collect(stream)).toEqual([])
  })

  it('turns a stream error into an Observable error naming the stream', async () => {
    const stream = new PassThrough()
    const done = lastValueFrom(readableLines(stream, 'stdin'))
    stream.destroy(new Error('EPIPE'))

    await expect(done).rejects.toThrow('cannot read stdin: EPIPE')
  })

  it('reads standard input in a real process', () => {
    const script = [
      "import { stdinLines } from './src/sources/readable.ts'",
      "import { toArray } from 'rxjs'",
      'stdinLines().pipe(toArray()).subscribe((l) => process.stdout.write(JSON.stringify(l.map((r) => r.value))))',
    ].join('\n')
    const args = ['--import', 'tsx', '--input-type=module', '-e', script]

    const run = spawnSync(process.execPath, args, { input: 'a\r\n\nb', encoding: 'utf8' })

    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual(['a', '', 'b'])
  })
})
