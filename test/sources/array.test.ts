import { lastValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { fromArray } from '../../src/sources/array.js'

describe('fromArray', () => {
  it('numbers the records from 1, strings as they are and objects as JSON text', async () => {
    const source = fromArray(['{"x":[1],"y":0}', { x: [2], y: [1, 0] }, '', 7, null])

    const got = await lastValueFrom(source.pipe(toArray()))

    expect(got).toEqual([
      { line: 1, value: '{"x":[1],"y":0}' },
      { line: 2, value: '{"x":[2],"y":[1,0]}' },
      { line: 3, value: '' },
      { line: 4, value: '7' },
      { line: 5, value: 'null' },
    ])
  })

  it('is cold: every subscription gets every record', async () => {
    const source = fromArray(['a', 'b'])

    const [a, b] = await Promise.all([lastValueFrom(source.pipe(toArray())), lastValueFrom(source.pipe(toArray()))])

    expect(a).toEqual(b)
    expect(a).toHaveLength(2)
  })
})
