/**
 * The scene model: a figure is a grid of panels; a panel is axes plus a list of marks in data coordinates.
 * Everything here is plain data, so charts are built by functions that return panels and combined freely.
 */
import type { ColormapName, Marker } from './palette.js'
import type { Interval } from './ticks.js'

/** A point [x, y] in data coordinates. */
export type Point = readonly [x: number, y: number]

/** One axis: label, scale, and optionally a fixed domain or fixed tick positions (otherwise from the data). */
export interface Axis {
  readonly label?: string
  readonly scale?: 'linear' | 'log'
  readonly domain?: Interval
  readonly ticks?: readonly number[]
  /** Light grid lines at the ticks (default true). */
  readonly grid?: boolean
}

/** A polyline through (x[i], y[i]); non-finite points are skipped and the line joins their neighbours. */
export interface LineMark {
  readonly kind: 'line'
  readonly name?: string
  readonly x: readonly number[]
  readonly y: readonly number[]
  readonly color?: string
  readonly dash?: boolean
  readonly width?: number
  /** Draw against the panel's second y-axis, `y2`. */
  readonly onY2?: boolean
}

/** Markers at (x[i], y[i]), optionally with a text label beside each. */
export interface PointsMark {
  readonly kind: 'points'
  readonly name?: string
  readonly x: readonly number[]
  readonly y: readonly number[]
  readonly labels?: readonly string[]
  readonly color?: string
  readonly marker?: Marker
  readonly size?: number
}

/** Arrows from from[i] to to[i] (e.g. where each input lands in hidden space). */
export interface ArrowsMark {
  readonly kind: 'arrows'
  readonly name?: string
  readonly from: readonly Point[]
  readonly to: readonly Point[]
  readonly color?: string
}

/** A rows × cols grid of values covering [x.lo, x.hi] × [y.lo, y.hi]; row 0 is the bottom row, values row-major. */
export interface Grid {
  readonly cols: number
  readonly rows: number
  readonly x: Interval
  readonly y: Interval
  readonly values: ArrayLike<number>
}

/** How grid values become colours: class indices get tints of the class colours, or region colours; values a colormap. */
export type GridFill =
  | { readonly kind: 'classes' }
  | { readonly kind: 'regions' }
  | { readonly kind: 'values'; readonly colormap?: ColormapName; readonly domain?: Interval; readonly levels?: number }

/** A grid drawn as filled cells (equal neighbours merged), optionally outlined where neighbouring labels differ. */
export interface ImageMark {
  readonly kind: 'image'
  readonly grid: Grid
  readonly fill: GridFill
  readonly outline?: boolean
  /** Label of a colour bar beside the panel (for `values` fills). */
  readonly colorBar?: string
}

/** One polygon of a partition of the plane, e.g. a linear region of a ReLU network. */
export interface Polygon {
  readonly points: readonly Point[]
  readonly region: number
  readonly label?: string
}

/** Filled polygons, coloured by region. */
export interface PolygonsMark {
  readonly kind: 'polygons'
  readonly polygons: readonly Polygon[]
}

/** Grouped bars: one group per category, one bar per series; the x-axis becomes categorical. */
export interface BarsMark {
  readonly kind: 'bars'
  readonly categories: readonly string[]
  readonly series: readonly { readonly name: string; readonly values: readonly number[]; readonly color?: string }[]
  /** Print each value above its bar. */
  readonly showValues?: boolean
}

/** A horizontal (`y`) or vertical (`x`) reference line across the panel. */
export interface RuleMark {
  readonly kind: 'rule'
  readonly x?: number
  readonly y?: number
  readonly color?: string
  readonly dash?: boolean
}

/** A note at a data position. */
export interface TextMark {
  readonly kind: 'text'
  readonly at: Point
  readonly text: string
  readonly anchor?: 'start' | 'middle' | 'end'
}

/** Anything a panel can draw. */
export type Mark = LineMark | PointsMark | ArrowsMark | ImageMark | PolygonsMark | BarsMark | RuleMark | TextMark

/** One chart: title, axes and marks. `equalAspect` makes one x unit as long as one y unit (input spaces). */
export interface Panel {
  readonly title?: string
  readonly x?: Axis
  readonly y?: Axis
  readonly y2?: Axis
  readonly marks: readonly Mark[]
  /** `auto` puts the legend in the corner that hides the fewest data points; `right` beside the plot. */
  readonly legend?: 'auto' | 'right' | 'none'
  readonly equalAspect?: boolean
  /** Shown instead of the plot when no mark has data. */
  readonly emptyMessage?: string
}

/** Panels in a grid, each `width` × `height` px, under an optional title. */
export interface Figure {
  readonly title?: string
  readonly panels: readonly Panel[]
  readonly columns?: number
  readonly width?: number
  readonly height?: number
}
