/**
 * The WASM module's exports: the blocked matmul behind Kernels.matmul, and the fused MLP trainer
 * behind src/fast (one call per training step). The caller owns all memory and passes byte
 * addresses; nothing here allocates.
 */
export { matmul, workspaceBytes } from './gemm'
export { mlpStep, mlpForward, mlpLayoutCheck } from './mlp/step'
export { mapExp, mapTanh, mapSigmoid } from './mlp/probe'

/** First byte after the module's static data: the caller's allocator starts here. */
export function heapBase(): usize {
  return __heap_base
}
