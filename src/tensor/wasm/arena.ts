/**
 * Float32 buffers inside one shared WebAssembly.Memory, handed out by a bump pointer and never
 * freed (plans allocate their buffers once). The memory is `shared` so that growing it never
 * detaches a view handed out before: a SharedArrayBuffer cannot be detached, and after
 * `grow` the old buffer object still sees its (unchanged) prefix of the memory. Untouched pages
 * cost address space only, so the maximum is the whole 4 GiB wasm32 range.
 */

import type { WasmMemory } from './api.js'

/** Bytes in one WebAssembly page. */
export const PAGE = 65536
/** Pages in the 4 GiB a wasm32 memory can address. */
export const MAX_PAGES = 65536
/** Every buffer starts on a cache line, so packing loads never straddle two lines needlessly. */
const ALIGN = 64

/** A growable region of WASM memory that hands out byte ranges and float32 views of them. */
export interface Arena {
  readonly memory: WasmMemory
  /** Address (in bytes) of `bytes` fresh zeroed bytes, aligned to 64. */
  readonly reserve: (bytes: number) => number
  /** n zeroed floats as a view into the memory; valid for the life of the process. */
  readonly alloc: (n: number) => Float32Array
  /** Whether x is a view of this memory (made by `alloc`, `heap`, or from their buffers). */
  readonly owns: (x: ArrayBufferView) => boolean
  /** A float32 view of the whole memory as it is now (refreshed after growth). */
  readonly heap: () => Float32Array
}

/** An arena over `memory` whose first free byte is `base` (the module's static data ends there). */
export const arena = (memory: WasmMemory, base: number): Arena => {
  // Every buffer object the memory has returned: growth makes a new one, old views keep theirs.
  const buffers = new WeakSet<ArrayBufferLike>([memory.buffer])
  let top = Math.ceil(base / ALIGN) * ALIGN
  let view = new Float32Array(memory.buffer)

  const heap = (): Float32Array => {
    if (view.buffer !== memory.buffer) {
      buffers.add(memory.buffer)
      view = new Float32Array(memory.buffer)
    }
    return view
  }

  const reserve = (bytes: number): number => {
    const at = top
    const end = at + Math.ceil(bytes / ALIGN) * ALIGN
    const have = memory.buffer.byteLength
    if (end > have) {
      // Grow by at least a quarter of the current size so many small allocations stay cheap.
      const pages = Math.max(Math.ceil((end - have) / PAGE), Math.ceil(have / PAGE / 4))
      try {
        memory.grow(Math.min(pages, MAX_PAGES - have / PAGE))
      } catch (e) {
        throw new RangeError(`wasm arena: cannot grow to ${end} bytes (${(e as Error).message})`)
      }
      if (memory.buffer.byteLength < end) throw new RangeError(`wasm arena: ${end} bytes exceed the 4 GiB wasm32 memory`)
    }
    top = end
    return at
  }

  return {
    memory,
    reserve,
    alloc: (n) => {
      const at = reserve(n * 4)
      return new Float32Array(heap().buffer, at, n)
    },
    owns: (x) => buffers.has(x.buffer),
    heap,
  }
}
