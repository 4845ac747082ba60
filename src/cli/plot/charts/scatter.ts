/** Scatter plots of classes (XOR in input space and in hidden space), with labels and arrows between matched points. */
import { compact } from '../compact.js'
import { colorOf, markerOf } from '../palette.js'
import type { Axis, Mark, Panel, Point, PointsMark } from '../scene.js'

/** One point; `cls` picks its colour and marker (default 0), `label` is written beside it. */
export interface ScatterPoint {
  readonly x: number
  readonly y: number
  readonly cls?: number
  readonly label?: string
}

/** One points mark per class, in class order; named from `classNames`, or `class k` when several classes appear. */
export const classMarks = (points: readonly ScatterPoint[], classNames: readonly string[] = []): PointsMark[] => {
  const classes = [...new Set(points.map((p) => p.cls ?? 0))].sort((a, b) => a - b)
  return classes.map((k) => {
    const mine = points.filter((p) => (p.cls ?? 0) === k)
    const name = classNames[k] ?? (classes.length > 1 ? `class ${k}` : undefined)
    return {
      kind: 'points',
      x: mine.map((p) => p.x),
      y: mine.map((p) => p.y),
      color: colorOf(k),
      marker: markerOf(k),
      ...(mine.some((p) => p.label !== undefined) ? { labels: mine.map((p) => p.label ?? '') } : {}),
      ...compact({ name }),
    }
  })
}

/** What a scatter plot shows. */
export interface ScatterOptions {
  readonly title?: string
  readonly points: readonly ScatterPoint[]
  readonly classNames?: readonly string[]
  /** Arrows from[i] → to[i], drawn under the points. */
  readonly arrows?: { readonly from: readonly Point[]; readonly to: readonly Point[]; readonly name?: string }
  readonly x?: Axis
  readonly y?: Axis
  readonly equalAspect?: boolean
  readonly legend?: Panel['legend']
}

/** A panel of points coloured and shaped by class, optionally labelled and linked by arrows. */
export const scatterPlot = ({ points, classNames, arrows, ...rest }: ScatterOptions): Panel => {
  const links: Mark[] = arrows ? [{ kind: 'arrows', from: arrows.from, to: arrows.to, ...compact({ name: arrows.name }) }] : []
  return { marks: [...links, ...classMarks(points, classNames)], emptyMessage: 'no points to plot', ...compact(rest) }
}
