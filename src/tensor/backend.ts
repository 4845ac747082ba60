/** The kernels the CLI uses: WASM SIMD when this machine can run them, the plain reference otherwise. */
import { type Kernels, plainKernels } from './kernels.js'
import { wasmKernels } from './wasm.js'

/** The fastest kernels available here. */
export const defaultKernels = (): Kernels => wasmKernels() ?? plainKernels
