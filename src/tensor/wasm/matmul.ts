/**
 * Kernels.matmul on top of the WASM export: operands that already live in the module's memory
 * are used in place; others (plain JS arrays) are copied into a scratch region and the result
 * copied back. Float64 buffers (reference plans) go to the plain kernel.
 */
import { plainKernels, type Kernels } from '../kernels.js'
import type { Arena } from './arena.js'
import type { KernelExports } from './load.js'

type Matmul = Kernels['matmul']

/** Whether byte ranges [a, a + an) and [b, b + bn) intersect. */
const overlaps = (a: number, an: number, b: number, bn: number): boolean => a < b + bn && b < a + an

/** The matmul kernel over one instance: `ws` is the address of its workspace. */
export const wasmMatmul = (ex: KernelExports, mem: Arena, ws: number): Matmul => {
  // One scratch region, replaced by a larger one when a call needs more; old ones are abandoned.
  let scratch = 0
  let scratchBytes = 0
  const scratchFor = (bytes: number): number => {
    if (bytes > scratchBytes) {
      scratchBytes = Math.max(bytes, 2 * scratchBytes)
      scratch = mem.reserve(scratchBytes)
    }
    return scratch
  }

  return (a, b, out, m, k, n, ta, tb) => {
    if (!(a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array)) {
      plainKernels.matmul(a, b, out, m, k, n, ta, tb)
      return
    }
    if (a.length < m * k || b.length < k * n || out.length < m * n) {
      throw new RangeError(
        `wasm matmul: ${m}×${k}·${k}×${n} needs ${m * k}, ${k * n} and ${m * n} floats, got ${a.length}, ${b.length} and ${out.length}`,
      )
    }
    if (m === 0 || n === 0) return
    if (k === 0) {
      out.fill(0, 0, m * n)
      return
    }
    const inA = mem.owns(a)
    const inB = mem.owns(b)
    const inOut = mem.owns(out)
    const need = (inA ? 0 : m * k) + (inB ? 0 : k * n) + (inOut ? 0 : m * n)
    const base = need > 0 ? scratchFor(need * 4) : 0
    const heap = mem.heap()
    let at = base
    const place = (x: Float32Array, inside: boolean, len: number, copy: boolean): number => {
      if (inside) return x.byteOffset
      const p = at
      if (copy) heap.set(x.length === len ? x : x.subarray(0, len), p >> 2)
      at += len * 4
      return p
    }
    const pa = place(a, inA, m * k, true)
    const pb = place(b, inB, k * n, true)
    const po = place(out, inOut, m * n, false)
    if (inOut && ((inA && overlaps(po, m * n * 4, pa, m * k * 4)) || (inB && overlaps(po, m * n * 4, pb, k * n * 4)))) {
      throw new RangeError('wasm matmul: out overlaps an operand')
    }
    ex.matmul(pa, pb, po, m, k, n, ta ? 1 : 0, tb ? 1 : 0, ws)
    if (!inOut) out.set(heap.subarray(po >> 2, (po >> 2) + m * n))
  }
}
