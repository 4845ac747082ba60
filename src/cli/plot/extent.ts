/** The data a panel's marks cover, per axis: the input to choosing domains, and to saying "no data" instead of crashing. */
import type { Mark, Point } from './scene.js'
import type { Interval } from './ticks.js'

/** The points (x[i], y[i]) where both are finite; throws when the arrays differ in length (a caller's bug). */
export const finitePairs = (x: readonly number[], y: readonly number[], what = 'series'): Point[] => {
  if (x.length !== y.length) throw new RangeError(`plot: ${what} has ${x.length} x values but ${y.length} y values`)
  const out: Point[] = []
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) out.push([x[i], y[i]])
  return out
}

/** Values seen on each axis; y2 collects lines drawn against the second y-axis. */
export interface Extents {
  readonly x: number[]
  readonly y: number[]
  readonly y2: number[]
}

const markPoints = (m: Mark): Point[] => {
  switch (m.kind) {
    case 'line':
      return finitePairs(m.x, m.y, m.name === undefined ? 'a line' : `line "${m.name}"`)
    case 'points':
      return finitePairs(m.x, m.y, m.name === undefined ? 'a point set' : `points "${m.name}"`)
    case 'arrows':
      return [...m.from, ...m.to].filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    case 'image':
      return m.grid.cols * m.grid.rows > 0 ? [[m.grid.x[0], m.grid.y[0]], [m.grid.x[1], m.grid.y[1]]] : []
    case 'polygons':
      return m.polygons.flatMap((p) => p.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)))
    case 'text':
      return [m.at]
    case 'bars':
    case 'rule':
      return []
  }
}

/** Every finite value each axis must show; `positiveOnly` drops values ≤ 0 for log axes. */
export const extents = (marks: readonly Mark[], positiveOnly: { x: boolean; y: boolean; y2: boolean }): Extents => {
  const out: Extents = { x: [], y: [], y2: [] }
  const push = (axis: keyof Extents, v: number) => {
    if (Number.isFinite(v) && (!positiveOnly[axis] || v > 0)) out[axis].push(v)
  }
  for (const m of marks) {
    const yAxis = m.kind === 'line' && m.onY2 === true ? 'y2' : 'y'
    for (const [x, y] of markPoints(m)) {
      push('x', x)
      push(yAxis, y)
    }
    if (m.kind === 'bars') {
      push('y', 0) // bars grow from zero, so zero is always on the axis
      for (const s of m.series) for (const v of s.values) push('y', v)
    }
    if (m.kind === 'rule' && m.x !== undefined) push('x', m.x)
    if (m.kind === 'rule' && m.y !== undefined) push('y', m.y)
  }
  return out
}

/** [min, max] of the values, or undefined when there are none. */
export const span = (values: readonly number[]): Interval | undefined => {
  if (values.length === 0) return undefined
  let lo = Infinity
  let hi = -Infinity
  for (const v of values) {
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return [lo, hi]
}

/** Whether a mark has anything to draw (rules and notes alone do not make a plot). */
export const hasData = (m: Mark): boolean => {
  switch (m.kind) {
    case 'bars':
      return m.categories.length > 0 && m.series.some((s) => s.values.some(Number.isFinite))
    case 'image':
      return m.grid.cols * m.grid.rows > 0
    case 'rule':
    case 'text':
      return false
    default:
      return markPoints(m).length > 0
  }
}
