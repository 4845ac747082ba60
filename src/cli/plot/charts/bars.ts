/** Bar charts comparing a few numbers per category (e.g. test error per activation, one bar per optimizer). */
import { compact } from '../compact.js'
import type { Axis, Panel } from '../scene.js'

/** What a bar chart shows; each series has one value per category. */
export interface BarChartOptions {
  readonly title?: string
  readonly categories: readonly string[]
  readonly series: readonly { readonly name: string; readonly values: readonly number[]; readonly color?: string }[]
  readonly x?: Axis
  readonly y?: Axis
  readonly showValues?: boolean
  readonly legend?: Panel['legend']
}

/** A panel of grouped bars from zero; a single series gets no legend. */
export const barChart = ({ categories, series, showValues, legend, ...rest }: BarChartOptions): Panel => ({
  marks: [{ kind: 'bars', categories, series, ...compact({ showValues }) }],
  legend: legend ?? (series.length > 1 ? 'auto' : 'none'),
  emptyMessage: 'no bars to plot',
  ...compact(rest),
})
