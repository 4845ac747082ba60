/** Line charts of named series, and the training curves of `train --plot`: loss beside accuracy. */
import { compact } from '../compact.js'
import type { Axis, Figure, LineMark, Panel } from '../scene.js'

/** A named series: y against x (default 0, 1, 2, …); `onY2` draws it against the second y-axis. */
export interface Series {
  readonly name: string
  readonly x?: readonly number[]
  readonly y: readonly number[]
  readonly color?: string
  readonly dash?: boolean
  readonly onY2?: boolean
}

/** What a line chart shows; series may have different lengths. */
export interface LineChartOptions {
  readonly title?: string
  readonly series: readonly Series[]
  readonly x?: Axis
  readonly y?: Axis
  readonly y2?: Axis
  readonly legend?: Panel['legend']
}

/** The series as line marks, x defaulting to the indices. */
export const seriesMarks = (series: readonly Series[]): LineMark[] =>
  series.map(({ x, y, ...rest }) => ({ kind: 'line', x: x ?? y.map((_, i) => i), y, ...compact(rest), name: rest.name }))

/** A panel with one line per series, a legend, and a second y-axis when `y2` is given. */
export const lineChart = ({ series, ...rest }: LineChartOptions): Panel => ({
  marks: seriesMarks(series),
  emptyMessage: series.length === 0 ? 'no series to plot' : 'every series is empty',
  ...compact(rest),
})

/** Loss and (optionally) accuracy series per step, e.g. train and test. */
export interface TrainingCurves {
  readonly title?: string
  readonly loss: readonly Series[]
  readonly accuracy?: readonly Series[]
  /** Loss on a log axis, for runs where it falls by orders of magnitude. */
  readonly logLoss?: boolean
}

/** Loss on the left panel; accuracy on [0, 1] on the right when any accuracy series is given. */
export const trainingCurves = (o: TrainingCurves): Figure => {
  const step: Axis = { label: 'step' }
  const loss = lineChart({ title: 'Loss', series: o.loss, x: step, y: { label: 'loss', ...(o.logLoss === true ? { scale: 'log' } : {}) } })
  const accuracy =
    o.accuracy === undefined || o.accuracy.length === 0
      ? []
      : [lineChart({ title: 'Accuracy', series: o.accuracy, x: step, y: { label: 'accuracy', domain: [0, 1] } })]
  return { panels: [loss, ...accuracy], ...compact({ title: o.title }) }
}
