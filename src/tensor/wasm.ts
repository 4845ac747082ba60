/**
 * The WASM SIMD backend: matmul compiled from src/wasm/assembly by `npm run build:wasm` into
 * dist/wasm (a relaxed-SIMD build with fused multiply-add, and a plain-SIMD one). Buffers from
 * `alloc` live in the module's memory, so a plan that keeps its buffers there pays no copies;
 * any other Float32Array works too, copied in and out on each call.
 *
 * `alloc`'d buffers are never freed and never detach (see wasm/arena.ts). They are views of a
 * SharedArrayBuffer: `.slice()` copies them into an ordinary array, but `structuredClone` and
 * `postMessage` share rather than copy, and TextDecoder refuses them, so a plan should hand its
 * callers copies, as it must anyway for values it reuses. Results can differ from the plain
 * kernels in the last bits (another summation order; fused multiply-add in the relaxed build),
 * and zero entries are skipped, so 0·∞ contributes 0 rather than NaN, as in plain A·B.
 */
import { plainKernels, type Kernels } from './kernels.js'
import { arena } from './wasm/arena.js'
import { compileBuild, instantiate, sharedMemory, type WasmBuild } from './wasm/load.js'
import { wasmMatmul } from './wasm/matmul.js'

export type { WasmBuild } from './wasm/load.js'

/** Kernels backed by one WASM instance; `alloc` hands out never-freed buffers inside its memory. */
export interface WasmKernels extends Kernels {
  readonly build: WasmBuild
  readonly alloc: (n: number) => Float32Array
}

/** Loaded kernels, or why they cannot load here (missing build, no SIMD, …). */
export type WasmLoad = { readonly ok: true; readonly kernels: WasmKernels } | { readonly ok: false; readonly reason: string }

/** A fresh instance of `build` (its own memory) from `dir` (dist/wasm by default). */
export const loadWasmKernels = (build: WasmBuild, dir?: URL): WasmLoad => {
  const compiled = compileBuild(build, dir)
  if (!compiled.ok) return compiled
  const memory = sharedMemory(64)
  if (memory instanceof Error) return { ok: false, reason: `shared WebAssembly memory is not available here: ${memory.message}` }
  const ex = instantiate(compiled.module, memory)
  const mem = arena(memory, ex.heapBase())
  const ws = mem.reserve(ex.workspaceBytes())
  return {
    ok: true,
    kernels: { ...plainKernels, name: `wasm-${build}`, build, alloc: mem.alloc, matmul: wasmMatmul(ex, mem, ws) },
  }
}

// Compiled once per process: buffers from `alloc` belong to one instance, so every caller must
// get the same one.
let chosen: WasmLoad | undefined

/** The best build this process can run, relaxed SIMD first, then plain SIMD; why neither, if so. */
export const wasmStatus = (): WasmLoad => {
  if (chosen === undefined) {
    const relaxed = loadWasmKernels('relaxed')
    const simd = relaxed.ok ? relaxed : loadWasmKernels('simd')
    chosen = relaxed.ok || simd.ok ? simd : { ok: false, reason: `${simd.reason} (relaxed build: ${relaxed.reason})` }
  }
  return chosen
}

/** The shared WASM kernels, or null when they cannot run here (`wasmStatus().reason` says why). */
export const wasmKernels = (): WasmKernels | null => {
  const s = wasmStatus()
  return s.ok ? s.kernels : null
}
