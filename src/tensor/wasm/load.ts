/**
 * Finding, compiling and instantiating the kernel builds in dist/wasm, synchronously so callers
 * stay synchronous. Relaxed SIMD sits behind a V8 flag in Node 20: it is switched on here, and a
 * build that still does not compile reports why instead of throwing.
 */
import { existsSync, readFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { fileURLToPath } from 'node:url'
import { packageUrl } from '../packageRoot.js'
import { type WasmMemory, type WasmModule, webAssembly } from './api.js'
import { MAX_PAGES } from './arena.js'

/** Which compiled build: `relaxed` uses fused multiply-add (relaxed SIMD), `simd` plain SIMD. */
export type WasmBuild = 'relaxed' | 'simd'

/** What the kernel module exports (byte addresses in, nothing out). */
export interface KernelExports {
  readonly matmul: (a: number, b: number, out: number, m: number, k: number, n: number, ta: number, tb: number, ws: number) => void
  readonly workspaceBytes: () => number
  readonly heapBase: () => number
}

/** A compiled build, or the reason it cannot run here. */
export type Compiled = { readonly ok: true; readonly module: WasmModule } | { readonly ok: false; readonly reason: string }

/** The folder the build writes to: dist/wasm at the package root. */
export const defaultWasmDir = (): URL => packageUrl('dist/wasm/')

const compile = (bytes: Uint8Array): WasmModule | Error => {
  if (webAssembly === undefined) return new Error('this runtime has no WebAssembly')
  try {
    return new webAssembly.Module(bytes)
  } catch (e) {
    return e as Error
  }
}

/** Compiles `<dir>/<build>.wasm`; for `relaxed`, turns on V8's relaxed-SIMD flag when the first try fails. */
export const compileBuild = (build: WasmBuild, dir: URL = defaultWasmDir()): Compiled => {
  const file = new URL(`${build}.wasm`, dir)
  if (!existsSync(file)) {
    return { ok: false, reason: `${fileURLToPath(file)} is missing: run \`npm run build:wasm\`` }
  }
  const bytes = readFileSync(file)
  let module = compile(bytes)
  if (module instanceof Error && build === 'relaxed') {
    // Node 20 ships relaxed SIMD behind this flag; later versions accept the module as it is.
    setFlagsFromString('--experimental-wasm-relaxed-simd')
    module = compile(bytes)
  }
  if (module instanceof Error) {
    const what = build === 'relaxed' ? 'relaxed SIMD' : 'WebAssembly SIMD'
    return { ok: false, reason: `${what} is not available here: ${module.message}` }
  }
  return { ok: true, module }
}

/** A fresh shared memory of `pages` pages that may grow to 4 GiB, or why there is none. */
export const sharedMemory = (pages: number): WasmMemory | Error => {
  try {
    if (webAssembly === undefined) throw new Error('this runtime has no WebAssembly')
    return new webAssembly.Memory({ initial: pages, maximum: MAX_PAGES, shared: true })
  } catch (e) {
    return e as Error
  }
}

/** An instance of `module` over `memory` (the builds import their memory as env.memory). */
export const instantiate = (module: WasmModule, memory: WasmMemory): KernelExports =>
  // webAssembly is defined: `module` could not have been compiled otherwise.
  new webAssembly!.Instance(module, { env: { memory } }).exports as unknown as KernelExports
