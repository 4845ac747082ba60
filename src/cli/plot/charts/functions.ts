/** Functions sampled over an interval (activations and their derivatives), one small panel each, in a grid. */
import { compact } from '../compact.js'
import type { Axis, Figure, LineMark, Panel } from '../scene.js'
import type { Interval } from '../ticks.js'

/** One curve: a name for the legend and the function to sample. */
export interface Curve {
  readonly name: string
  readonly f: (x: number) => number
  readonly dash?: boolean
  readonly color?: string
}

/** A panel's title and the curves it overlays. */
export interface FunctionPanel {
  readonly title: string
  readonly curves: readonly Curve[]
  readonly y?: Axis
}

/** n evenly spaced points from lo to hi, both included (so x = 0 is hit exactly when the interval is symmetric and n odd). */
export const linspace = ([lo, hi]: Interval, n: number): number[] =>
  Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)))

/** The curves sampled at `samples` points, with the x- and y-axes drawn through zero. */
export const functionPanel = (p: FunctionPanel, interval: Interval, samples = 201): Panel => {
  const x = linspace(interval, samples)
  const lines: LineMark[] = p.curves.map((c) => ({ kind: 'line', name: c.name, x, y: x.map(c.f), ...compact({ dash: c.dash, color: c.color }) }))
  return {
    title: p.title,
    x: { domain: interval },
    marks: [{ kind: 'rule', x: 0 }, { kind: 'rule', y: 0 }, ...lines],
    ...compact({ y: p.y }),
  }
}

/** What a grid of function panels shows. */
export interface FunctionGridOptions {
  readonly title?: string
  readonly interval: Interval
  readonly panels: readonly FunctionPanel[]
  readonly samples?: number
  readonly columns?: number
  readonly width?: number
  readonly height?: number
}

/** Small panels (default 300 × 230 px, three per row), one per entry of `panels`, all over the same interval. */
export const functionGrid = ({ interval, panels, samples, width = 300, height = 230, ...rest }: FunctionGridOptions): Figure => ({
  panels: panels.map((p) => functionPanel(p, interval, samples)),
  width,
  height,
  ...compact(rest),
})
