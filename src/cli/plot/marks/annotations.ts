/** Reference lines across the plot area and free-standing notes at data positions. */
import type { Frame } from '../frame.js'
import type { RuleMark, TextMark } from '../scene.js'
import { el, text } from '../svg.js'
import { font, ink } from '../theme.js'

/** A full-width horizontal line at y or full-height vertical line at x (both, if both are set). */
export const drawRule = (m: RuleMark, f: Frame): string[] => {
  const attrs = { stroke: m.color ?? ink.muted, 'stroke-width': 1, 'stroke-dasharray': m.dash === true ? '4 3' : undefined }
  const out: string[] = []
  const [x, y] = [m.x === undefined ? Number.NaN : f.x(m.x), m.y === undefined ? Number.NaN : f.y(m.y)]
  if (Number.isFinite(y)) out.push(el('line', { x1: f.left, y1: y, x2: f.left + f.width, y2: y, ...attrs }))
  if (Number.isFinite(x)) out.push(el('line', { x1: x, y1: f.top, x2: x, y2: f.top + f.height, ...attrs }))
  return out
}

/** The note's text anchored at its data position. */
export const drawText = (m: TextMark, f: Frame): string[] => {
  const [x, y] = [f.x(m.at[0]), f.y(m.at[1])]
  return Number.isFinite(x) && Number.isFinite(y) ? [text(x, y, m.text, { 'font-size': font.note, 'text-anchor': m.anchor ?? 'start' })] : []
}
