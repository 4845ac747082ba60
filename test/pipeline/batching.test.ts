import { from, lastValueFrom, map, toArray } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { describe, expect, it } from 'vitest'
import { minibatches, minibatchesByTime } from '../../src/pipeline/batching.js'
import { shuffleBuffer, shuffleEpoch } from '../../src/pipeline/shuffle.js'
import { key } from '../../src/tensor/random.js'
import { samples, xorSamples } from '../support/stream.js'

describe('minibatches', () => {
  it('emits one batch per group in stream order and keeps the last partial batch', async () => {
    const input = xorSamples(2).slice(0, 7)

    const batches = await lastValueFrom(from(input).pipe(minibatches(3), toArray()))

    expect(batches.map((b) => b.lines)).toEqual([[1, 2, 3], [4, 5, 6], [7]])
    expect(batches.map((b) => b.x.shape)).toEqual([[3, 2], [3, 2], [1, 2]])
    expect(Array.from(batches[0].x.data)).toEqual([0, 0, 0, 1, 1, 0])
    expect(Array.from(batches[2].y.data)).toEqual([1])
  })

  it('leaves its input samples untouched', async () => {
    const input = xorSamples()
    const copies = input.map((s) => [Array.from(s.value.x), Array.from(s.value.y)])

    await lastValueFrom(from(input).pipe(minibatches(2), toArray()))

    expect(input.map((s) => [Array.from(s.value.x), Array.from(s.value.y)])).toEqual(copies)
  })

  it('by time window: the samples of each window, at most maxSize, in stream order, on virtual time', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b))
    scheduler.run(({ cold, expectObservable }) => {
      const s = samples(Array.from({ length: 6 }, (_, i) => [[i], [i]] as const))
      // three arrivals at once (more than maxSize), one alone 150 ms later, two together after that;
      // a group "(abc)" takes 5 frames of marble time, so completion is at frame 310
      const events = cold('(abc) 150ms d 150ms (ef)|', { a: s[0], b: s[1], c: s[2], d: s[3], e: s[4], f: s[5] })

      const groups = events.pipe(minibatchesByTime(100, 2, scheduler), map((b) => b.lines), toArray())

      expectObservable(groups).toBe('310ms (g|)', { g: [[1, 2], [3], [4], [5, 6]] })
    })
  })
})

describe('seeded shuffling', () => {
  const numbers = Array.from({ length: 20 }, (_, i) => i)

  it('a full epoch shuffle is a permutation fixed by key and epoch', async () => {
    const run = (seed: number, epoch: number) => lastValueFrom(from(numbers).pipe(shuffleEpoch(key(seed), epoch), toArray()))

    const [a, b, c, d] = await Promise.all([run(1, 0), run(1, 0), run(1, 1), run(2, 0)])

    expect([...a].sort((x, y) => x - y)).toEqual(numbers)
    expect(a).toEqual(b)
    expect(c).not.toEqual(a)
    expect(d).not.toEqual(a)
  })

  it('a shuffle buffer emits every value once, holding at most its size', async () => {
    const out = await lastValueFrom(from(numbers).pipe(shuffleBuffer(5, key(3)), toArray()))

    expect([...out].sort((x, y) => x - y)).toEqual(numbers)
    expect(out).not.toEqual(numbers)
    // A value can leave no earlier than when the buffer is full after it arrived.
    out.forEach((v, i) => expect(v).toBeLessThanOrEqual(i + 5))
  })
})
