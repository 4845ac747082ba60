/** The linear regions of a ReLU network on a 2-D slice, from polygons or from a grid of region labels. */
import { compact } from '../compact.js'
import type { Axis, Grid, Mark, Panel, Polygon } from '../scene.js'
import { classMarks } from './scatter.js'
import type { ScatterPoint } from './scatter.js'

/** What a linear-region map shows: `polygons`, or a `grid` whose values label the region of each cell. */
export interface LinearRegionsOptions {
  readonly title?: string
  readonly polygons?: readonly Polygon[]
  readonly grid?: Grid
  readonly points?: readonly ScatterPoint[]
  readonly x?: Axis
  readonly y?: Axis
  readonly equalAspect?: boolean
}

/** The number of distinct finite labels in a grid (how many linear regions a slice shows). */
export const countRegions = (grid: Grid): number => new Set(Array.from(grid.values).filter(Number.isFinite)).size

/** A panel with each region filled in its own light colour and outlined, points on top. */
export const linearRegions = ({ polygons, grid, points = [], ...rest }: LinearRegionsOptions): Panel => {
  const regions: Mark[] = [
    ...(grid ? [{ kind: 'image' as const, grid, fill: { kind: 'regions' as const }, outline: true }] : []),
    ...(polygons ? [{ kind: 'polygons' as const, polygons }] : []),
  ]
  return { marks: [...regions, ...classMarks(points)], emptyMessage: 'no regions to plot', legend: 'none', equalAspect: true, ...compact(rest) }
}
