/** Shape checks shared by the ops; each throws a RangeError naming the op and the shapes. */
import { type Shape, rowsCols, sameShape, showShape } from '../../tensor/shape.js'

/** The inputs must all have one shape; returns it. */
export const sameShapes = (op: string, shapes: readonly Shape[]): Shape => {
  const bad = shapes.find((s) => !sameShape(s, shapes[0]))
  if (bad !== undefined) throw new RangeError(`${op}: shapes differ, ${shapes.map(showShape).join(' and ')}`)
  return shapes[0]
}

/** The input must be a matrix [rows, cols]; returns its dimensions. */
export const matrix = (op: string, shape: Shape): readonly [number, number] => {
  if (shape.length !== 2) throw new RangeError(`${op}: expected a matrix [rows, cols], got ${showShape(shape)}`)
  return [shape[0], shape[1]]
}

/** The second input must be one row as wide as the first input; returns the first's shape. */
export const rowLike = (op: string, [x, v]: readonly Shape[]): Shape => {
  const [, cols] = matrix(op, x)
  const [vr, vc] = rowsCols(v)
  if (vr !== 1 || vc !== cols) throw new RangeError(`${op}: expected a row of ${cols} values, got ${showShape(v)} for ${showShape(x)}`)
  return x
}
