/**
 * The WASM instance the fused trainer runs in: one per build per process, with its own shared
 * memory and arena (buffers are never freed and never detach), and one matmul workspace that
 * every net in the instance borrows during its step (steps never run concurrently: no threads).
 */
import { type Arena, arena } from '../tensor/wasm/arena.js'
import { type KernelExports, type WasmBuild, compileBuild, instantiate, sharedMemory } from '../tensor/wasm/load.js'
import { LAYOUT_CHECK } from '../wasm/assembly/mlp/fields.js'

/** The module's MLP exports (byte addresses in). */
export interface MlpExports extends KernelExports {
  /** One training step; returns the batch's mean data loss. */
  readonly mlpStep: (net: number, ws: number, rows: number) => number
  /** The output for `rows` inputs, into the last layer's activations. */
  readonly mlpForward: (net: number, ws: number, rows: number) => void
  readonly mlpLayoutCheck: () => number
  /** x ← e^x, tanh x, σ(x) over n floats (n a multiple of 4), for accuracy tests. */
  readonly mapExp: (p: number, n: number) => void
  readonly mapTanh: (p: number, n: number) => void
  readonly mapSigmoid: (p: number, n: number) => void
}

/** A loaded instance: its exports, its memory's arena, and the shared matmul workspace. */
export interface FastRuntime {
  readonly build: WasmBuild
  readonly exports: MlpExports
  readonly arena: Arena
  readonly gemmWorkspace: number
}

/** A runtime, or why there is none here. */
export type RuntimeLoad = { readonly ok: true; readonly runtime: FastRuntime } | { readonly ok: false; readonly reason: string }

const load = (build: WasmBuild, dir?: URL): RuntimeLoad => {
  const compiled = compileBuild(build, dir)
  if (!compiled.ok) return compiled
  const memory = sharedMemory(16)
  if (memory instanceof Error) return { ok: false, reason: `shared WebAssembly memory is not available here: ${memory.message}` }
  const exports = instantiate(compiled.module, memory) as MlpExports
  if (typeof exports.mlpStep !== 'function' || exports.mlpLayoutCheck() !== LAYOUT_CHECK) {
    return { ok: false, reason: `${build}.wasm was built from other sources: run \`npm run build:wasm\`` }
  }
  const mem = arena(memory, exports.heapBase())
  return { ok: true, runtime: { build, exports, arena: mem, gemmWorkspace: mem.reserve(exports.workspaceBytes()) } }
}

// Loaded once per build and folder: nets keep addresses inside their instance's memory.
const runtimes = new Map<string, RuntimeLoad>()

const cached = (build: WasmBuild, dir?: URL): RuntimeLoad => {
  const id = `${build} ${dir?.href ?? ''}`
  let r = runtimes.get(id)
  if (r === undefined) {
    r = load(build, dir)
    runtimes.set(id, r)
  }
  return r
}

/**
 * The runtime of `build`, or of the best build that runs here (relaxed SIMD, then plain SIMD),
 * from `dir` (dist/wasm by default).
 */
export const fastRuntime = (build?: WasmBuild, dir?: URL): RuntimeLoad => {
  if (build !== undefined) return cached(build, dir)
  const relaxed = cached('relaxed', dir)
  if (relaxed.ok) return relaxed
  const simd = cached('simd', dir)
  return simd.ok ? simd : { ok: false, reason: `${simd.reason} (relaxed build: ${relaxed.reason})` }
}
