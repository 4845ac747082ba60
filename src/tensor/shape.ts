/**
 * Shapes of row-major tensors. A dimension of `BATCH` (-1) stands for the minibatch size,
 * which a graph leaves open and a plan fixes when it runs.
 */

/** A tensor's dimensions; rank 0, 1 or 2. */
export type Shape = readonly number[]

/** The symbolic batch dimension: unknown while a graph is built, fixed when a plan runs. */
export const BATCH = -1

/** Number of elements of a concrete shape. */
export const sizeOf = (shape: Shape): number => {
  let n = 1
  for (const d of shape) n *= d
  return n
}

/** A shape seen as a matrix: rank 0 is [1, 1], rank 1 [n] is one row [1, n]. */
export const rowsCols = (shape: Shape): readonly [rows: number, cols: number] =>
  shape.length === 0 ? [1, 1] : shape.length === 1 ? [1, shape[0]] : [shape[0], shape[1]]

/** Whether two shapes are equal, dimension by dimension (BATCH equals only BATCH). */
export const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i])

/** `[2,3]`, or `[batch,3]` for a symbolic batch dimension. */
export const showShape = (shape: Shape): string => `[${shape.map((d) => (d === BATCH ? 'batch' : String(d))).join(',')}]`

/** `shape` with every BATCH replaced by `batch`. */
export const withBatch = (shape: Shape, batch: number): Shape => shape.map((d) => (d === BATCH ? batch : d))
