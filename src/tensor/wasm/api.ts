/**
 * The slice of the WebAssembly JS API this backend uses, typed here because the project's type
 * libraries (ES2022 and @types/node 20, no DOM) do not declare it.
 */

/** A linear memory; `buffer` is replaced (not detached, when shared) by `grow`. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike
  /** Adds `pages` 64 KiB pages and returns the previous size in pages; throws past the maximum. */
  readonly grow: (pages: number) => number
}

/** A compiled module (opaque). */
export type WasmModule = { readonly __wasmModule: unique symbol }

interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => WasmModule
  readonly Instance: new (module: WasmModule, imports: object) => { readonly exports: object }
  readonly Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory
}

/** The global WebAssembly object, or undefined where the runtime has none. */
export const webAssembly = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly
