/**
 * Tensors: a concrete shape plus a Float32Array in row-major order. Functions here return fresh
 * tensors and never write to their arguments.
 */
import { type Shape, showShape, sizeOf } from './shape.js'

/** A buffer of floats: float32 for training, float64 for reference checks. */
export type Floats = Float32Array | Float64Array

/** A row-major float32 tensor; `data.length` is the product of `shape`. */
export interface Tensor {
  readonly shape: Shape
  readonly data: Float32Array
}

/** A row-major float64 tensor, used by reference (finite-difference) checks. */
export interface Tensor64 {
  readonly shape: Shape
  readonly data: Float64Array
}

/** A tensor of `shape` over `data` (zeros when omitted); throws when the sizes differ. */
export const tensor = (shape: Shape, data?: Float32Array | readonly number[]): Tensor => {
  const n = sizeOf(shape)
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new RangeError(`tensor: shape ${showShape(shape)} must have non-negative integer dimensions`)
  }
  const values = data === undefined ? new Float32Array(n) : data instanceof Float32Array ? data : Float32Array.from(data)
  if (values.length !== n) {
    throw new RangeError(`tensor: shape ${showShape(shape)} needs ${n} values, got ${values.length}`)
  }
  return { shape: [...shape], data: values }
}

/** A [rows, cols] tensor from nested rows. */
export const fromRows = (rows: readonly (readonly number[])[]): Tensor => {
  const cols = rows.length === 0 ? 0 : rows[0].length
  const bad = rows.findIndex((r) => r.length !== cols)
  if (bad >= 0) throw new RangeError(`fromRows: row ${bad} has ${rows[bad].length} values, row 0 has ${cols}`)
  return tensor([rows.length, cols], rows.flat())
}

/** The rows of a rank-2 tensor as plain arrays (rank 0 and 1 give one row). */
export const toRows = (t: Tensor): number[][] => {
  const cols = t.shape.length === 2 ? t.shape[1] : t.data.length
  const rows = t.shape.length === 2 ? t.shape[0] : 1
  return Array.from({ length: rows }, (_, i) => Array.from(t.data.subarray(i * cols, (i + 1) * cols)))
}

/** A copy that shares nothing with `t`. */
export const cloneTensor = (t: Tensor): Tensor => ({ shape: t.shape, data: t.data.slice() })

/** Elementwise f(x). */
export const mapTensor = (t: Tensor, f: (v: number, i: number) => number): Tensor => {
  const out = new Float32Array(t.data.length)
  for (let i = 0; i < out.length; i++) out[i] = f(t.data[i], i)
  return { shape: t.shape, data: out }
}

/** Elementwise f(a, b) for tensors of one shape. */
export const zipTensors = (a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor => {
  if (a.data.length !== b.data.length) {
    throw new RangeError(`zipTensors: shapes differ, ${showShape(a.shape)} and ${showShape(b.shape)}`)
  }
  const out = new Float32Array(a.data.length)
  for (let i = 0; i < out.length; i++) out[i] = f(a.data[i], b.data[i])
  return { shape: a.shape, data: out }
}

/** Whether every entry is finite. */
export const isFiniteTensor = (t: Tensor): boolean => {
  // NaN and ±Infinity survive a sum, and a float64 sum of finite float32 values cannot overflow,
  // so one test of the sum replaces a test per entry.
  let s = 0
  for (let i = 0; i < t.data.length; i++) s += t.data[i]
  return Number.isFinite(s)
}
