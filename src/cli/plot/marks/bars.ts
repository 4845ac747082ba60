/** Grouped bars from zero: one group per category, one bar per series, side by side within the group. */
import type { Frame } from '../frame.js'
import type { BarsMark } from '../scene.js'
import { el, text } from '../svg.js'
import { font, ink } from '../theme.js'

/** v with at most 3 significant digits, for labels above bars. */
export const shortNumber = (v: number): string => String(Number(v.toPrecision(3))).replace(/^-/, '\u2212')

/** The bars and, if asked, their values; throws when a series has a value count other than the category count. */
export const drawBars = (m: BarsMark, f: Frame): string[] => {
  for (const s of m.series) {
    if (s.values.length !== m.categories.length) {
      throw new RangeError(`plot: bar series "${s.name}" has ${s.values.length} values for ${m.categories.length} categories`)
    }
  }
  if (f.bands === undefined || m.series.length === 0) return []
  const { bands } = f
  const sub = bands.width / m.series.length
  const zero = f.y(0)
  const out: string[] = []
  const labels: string[] = []
  m.categories.forEach((_, i) => {
    m.series.forEach((s, j) => {
      const v = s.values[i]
      if (!Number.isFinite(v)) return
      const x = bands.start(i) + j * sub
      const y = f.y(v)
      out.push(el('rect', { x: x + 0.5, y: Math.min(y, zero), width: Math.max(1, sub - 1), height: Math.abs(zero - y), fill: s.color ?? ink.axis }))
      if (m.showValues === true) {
        labels.push(text(x + sub / 2, v >= 0 ? y - 4 : y + font.note + 2, shortNumber(v), { 'font-size': font.note, 'text-anchor': 'middle' }))
      }
    })
  })
  return [el('g', { class: 'bars', 'shape-rendering': 'crispEdges' }, out), ...labels]
}
