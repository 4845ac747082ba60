/** Decision regions and heatmaps: a grid of class indices or values under scatter points, with an optional colour bar. */
import { compact } from '../compact.js'
import type { Axis, Grid, GridFill, Panel } from '../scene.js'
import type { Interval } from '../ticks.js'
import { classMarks } from './scatter.js'
import type { ScatterPoint } from './scatter.js'

/** f sampled at the centres of a cols × rows grid over x × y (row 0 at the bottom), as `Grid` expects. */
export const sampleGrid = (f: (x: number, y: number) => number, x: Interval, y: Interval, cols: number, rows: number): Grid => {
  const values = new Float64Array(cols * rows)
  for (let r = 0; r < rows; r++) {
    const yr = y[0] + ((r + 0.5) * (y[1] - y[0])) / rows
    for (let c = 0; c < cols; c++) values[r * cols + c] = f(x[0] + ((c + 0.5) * (x[1] - x[0])) / cols, yr)
  }
  return { cols, rows, x, y, values }
}

/** What a decision-region map shows. */
export interface RegionsOptions {
  readonly title?: string
  readonly grid: Grid
  /** Class indices (default) or values under a colormap. */
  readonly fill?: GridFill
  readonly points?: readonly ScatterPoint[]
  readonly classNames?: readonly string[]
  /** Outline where neighbouring cells differ (the decision boundary); default on for classes. */
  readonly boundary?: boolean
  /** Label of a colour bar, for `values` fills. */
  readonly colorBar?: string
  readonly x?: Axis
  readonly y?: Axis
  readonly equalAspect?: boolean
}

/** A panel with the grid filled by class (tints of the point colours) or by value, and the points on top. */
export const decisionRegions = (o: RegionsOptions): Panel => {
  const { grid, fill = { kind: 'classes' }, points = [], classNames, boundary, colorBar, ...rest } = o
  return {
    marks: [
      { kind: 'image', grid, fill, outline: boundary ?? fill.kind === 'classes', ...compact({ colorBar }) },
      ...classMarks(points, classNames),
    ],
    emptyMessage: 'empty grid',
    ...compact(rest),
  }
}
