import { describe, expect, it } from 'vitest'
import { freshFloats } from '../../src/tensor/slab.js'

describe('freshFloats', () => {
  it('hands out zeroed arrays that never overlap, each keeping at most 16 KiB alive', () => {
    const arrays = Array.from({ length: 200 }, (_, i) => freshFloats(1 + ((i * 37) % 600)))
    for (const [i, a] of arrays.entries()) {
      expect(a.every((v) => v === 0)).toBe(true)
      expect(a.buffer.byteLength).toBeLessThanOrEqual(16384)
      a.fill(i + 1)
    }
    // Writing every array with its own mark leaves every other one intact.
    for (const [i, a] of arrays.entries()) expect(a.every((v) => v === i + 1)).toBe(true)
  })

  it('gives large requests a buffer of their own', () => {
    const a = freshFloats(100_000)
    expect(a.byteOffset).toBe(0)
    expect(a.buffer.byteLength).toBe(400_000)
  })
})
