/**
 * Exact activation regions of a ReLU network with two inputs, by splitting polygons: inside a
 * region every hidden unit keeps its sign, so each layer is affine there and its units' zero
 * sets are straight lines that cut the region into convex pieces. All arithmetic is float64.
 */
import type { Point } from '../../plot/scene.js'
import type { Interval } from '../../plot/ticks.js'

/** A dense layer as plain rows: w[j] are unit j's input weights, b[j] its bias. */
export interface DenseRows {
  readonly w: readonly (readonly number[])[]
  readonly b: readonly number[]
}

/** a·x₁ + b·x₂ + c. */
type Row = readonly [number, number, number]

/** A convex piece of the plane with its activation pattern (one bit per hidden unit, layer by layer). */
export interface Piece {
  readonly points: readonly Point[]
  readonly pattern: string
}

const side = ([a, b, c]: Row, [x, y]: Point): number => a * x + b * y + c

/** The part of the convex polygon where sign·row ≥ 0 (one Sutherland–Hodgman pass). */
const clip = (polygon: readonly Point[], row: Row, sign: number): Point[] =>
  polygon.flatMap((p, i) => {
    const q = polygon[(i + 1) % polygon.length]
    const [sp, sq] = [sign * side(row, p), sign * side(row, q)]
    const cross: Point[] = (sp >= 0) !== (sq >= 0) ? [[p[0] + ((q[0] - p[0]) * sp) / (sp - sq), p[1] + ((q[1] - p[1]) * sp) / (sp - sq)]] : []
    return [...(sp >= 0 ? [p] : []), ...cross]
  })

/** Twice the signed area (shoelace). */
const area2 = (polygon: readonly Point[]): number =>
  polygon.reduce((s, [x0, y0], i) => {
    const [x1, y1] = polygon[(i + 1) % polygon.length]
    return s + x0 * y1 - x1 * y0
  }, 0)

/** The activation regions of the hidden layers `layers` inside the rectangle x × y. */
export const activationRegions = (layers: readonly DenseRows[], x: Interval, y: Interval): Piece[] => {
  // Slivers thinner than rounding noise are not regions.
  const tiny = 1e-12 * (x[1] - x[0]) * (y[1] - y[0])
  const rect: Point[] = [[x[0], y[0]], [x[1], y[0]], [x[1], y[1]], [x[0], y[1]]]
  let pieces: { points: readonly Point[]; pattern: string; map: readonly Row[] }[] = [
    { points: rect, pattern: '', map: [[1, 0, 0], [0, 1, 0]] },
  ]
  for (const { w, b } of layers) {
    pieces = pieces.flatMap((piece) => {
      // The layer's pre-activations as affine functions of the input, valid on this piece.
      const z: Row[] = w.map((wj, j) => {
        const r = [0, 0, b[j]]
        wj.forEach((v, i) => piece.map[i].forEach((m, k) => (r[k] += v * m)))
        return [r[0], r[1], r[2]]
      })
      let parts: { points: readonly Point[]; bits: string }[] = [{ points: piece.points, bits: '' }]
      for (const row of z) {
        parts = parts.flatMap((part) =>
          [1, 0]
            .map((bit) => ({ points: clip(part.points, row, bit === 1 ? 1 : -1), bits: part.bits + bit }))
            .filter((p) => p.points.length >= 3 && Math.abs(area2(p.points)) > tiny),
        )
      }
      return parts.map((part) => ({
        points: part.points,
        pattern: piece.pattern + part.bits,
        map: z.map((row, j): Row => (part.bits[j] === '1' ? row : [0, 0, 0])),
      }))
    })
  }
  return pieces.map(({ points, pattern }) => ({ points, pattern }))
}

/** C(n, k). */
export const choose = (n: number, k: number): number => {
  let c = 1
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1)
  return Math.round(c)
}

/** Σ_{j=0}^{d} C(w, j): the most regions w hyperplanes in general position cut ℝᵈ into. */
export const arrangementRegions = (w: number, d: number): number =>
  Array.from({ length: Math.min(w, d) + 1 }, (_, j) => choose(w, j)).reduce((s, c) => s + c, 0)
