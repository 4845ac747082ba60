/**
 * The heavy numeric kernels behind one small interface, so a faster backend (WASM SIMD) can
 * replace the plain one. A kernel writes only into the `out` buffer it is given and never
 * allocates. Buffers are float32 in training; float64 plans exist for reference checks.
 */
import type { Floats } from './tensor.js'

/** The kernels a compiled plan calls. */
export interface Kernels {
  /** Short name for messages and benchmarks (`plain`, `wasm-simd`, …). */
  readonly name: string
  /**
   * out = op(A)·op(B), with op(A) of size m×k and op(B) of size k×n; `ta`/`tb` mean A is stored
   * k×m / B is stored n×k. `out` (m×n) is overwritten.
   */
  readonly matmul: (
    a: Floats,
    b: Floats,
    out: Floats,
    m: number,
    k: number,
    n: number,
    ta: boolean,
    tb: boolean,
  ) => void
  /**
   * n zeroed float32s where this backend's kernels read and write without copying (WASM memory).
   * Never freed: a plan allocates its buffers once. Without it, plans use `new Float32Array(n)`.
   */
  readonly alloc?: (n: number) => Float32Array
}

/** A·B, looping i, p, j so the inner loop walks rows of B and `out` contiguously. */
const matmulNN = (a: Floats, b: Floats, out: Floats, m: number, k: number, n: number): void => {
  out.fill(0, 0, m * n)
  for (let i = 0; i < m; i++) {
    const o = i * n
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]
      const r = p * n
      for (let j = 0; j < n; j++) out[o + j] += aip * b[r + j]
    }
  }
}

/** A·Bᵀ with B stored n×k: each entry is a dot product of two contiguous rows. */
const matmulNT = (a: Floats, b: Floats, out: Floats, m: number, k: number, n: number): void => {
  for (let i = 0; i < m; i++) {
    const ra = i * k
    for (let j = 0; j < n; j++) {
      const rb = j * k
      let s = 0
      for (let p = 0; p < k; p++) s += a[ra + p] * b[rb + p]
      out[i * n + j] = s
    }
  }
}

/** Aᵀ·B with A stored k×m: a sum of outer products of row p of A and row p of B. */
const matmulTN = (a: Floats, b: Floats, out: Floats, m: number, k: number, n: number): void => {
  out.fill(0, 0, m * n)
  for (let p = 0; p < k; p++) {
    const ra = p * m
    const rb = p * n
    for (let i = 0; i < m; i++) {
      const api = a[ra + i]
      const o = i * n
      for (let j = 0; j < n; j++) out[o + j] += api * b[rb + j]
    }
  }
}

/** Aᵀ·Bᵀ with A stored k×m and B stored n×k. */
const matmulTT = (a: Floats, b: Floats, out: Floats, m: number, k: number, n: number): void => {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let p = 0; p < k; p++) s += a[p * m + i] * b[j * k + p]
      out[i * n + j] = s
    }
  }
}

/** Scalar TypeScript kernels: the reference every faster backend is tested against. */
export const plainKernels: Kernels = {
  name: 'plain',
  matmul: (a, b, out, m, k, n, ta, tb) =>
    ta ? (tb ? matmulTT : matmulTN)(a, b, out, m, k, n) : (tb ? matmulNT : matmulNN)(a, b, out, m, k, n),
}
