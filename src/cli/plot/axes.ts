/** Axes of a frame: grid lines drawn under the data, and the frame, ticks, tick labels and axis titles drawn over it. */
import type { Frame } from './frame.js'
import type { Panel } from './scene.js'
import { el, num, rotatedText, text, textWidth } from './svg.js'
import { font, ink, tick } from './theme.js'

/** Light grid lines at the ticks (none across category bands, where they would cut through bars). */
export const drawGrid = (panel: Panel, f: Frame): string[] => {
  const right = f.left + f.width
  const bottom = f.top + f.height
  const vertical = f.bands === undefined && panel.x?.grid !== false ? f.xTicks.map((t) => `M${num(t.at)},${num(f.top)}V${num(bottom)}`) : []
  const horizontal = panel.y?.grid !== false ? f.yTicks.map((t) => `M${num(f.left)},${num(t.at)}H${num(right)}`) : []
  const d = [...vertical, ...horizontal].join('')
  return d === '' ? [] : [el('path', { class: 'grid', d, stroke: ink.grid, 'stroke-width': 1, fill: 'none' })]
}

/** The frame box, tick marks, tick labels and the axis titles. */
export const drawAxes = (panel: Panel, f: Frame): string[] => {
  const right = f.left + f.width
  const bottom = f.top + f.height
  const out: string[] = [el('rect', { x: f.left, y: f.top, width: f.width, height: f.height, fill: 'none', stroke: ink.frame, 'stroke-width': 1 })]
  const marks = [
    ...f.xTicks.map((t) => `M${num(t.at)},${num(bottom)}v${tick.length}`),
    ...f.yTicks.map((t) => `M${num(f.left)},${num(t.at)}h${-tick.length}`),
    ...f.y2Ticks.map((t) => `M${num(right)},${num(t.at)}h${tick.length}`),
  ]
  if (marks.length > 0) out.push(el('path', { class: 'ticks', d: marks.join(''), stroke: ink.axis, 'stroke-width': 1, fill: 'none' }))
  const labelY = bottom + tick.length + tick.gap + font.tick - 1
  for (const t of f.xTicks) {
    out.push(
      f.slant
        ? text(t.at, labelY, t.label, { 'font-size': font.tick, 'text-anchor': 'end', transform: `rotate(-35 ${num(t.at)} ${num(labelY)})` })
        : text(t.at, labelY, t.label, { 'font-size': font.tick, 'text-anchor': 'middle' }),
    )
  }
  for (const t of f.yTicks) out.push(text(f.left - tick.length - tick.gap, t.at + 4, t.label, { 'font-size': font.tick, 'text-anchor': 'end' }))
  for (const t of f.y2Ticks) out.push(text(right + tick.length + tick.gap, t.at + 4, t.label, { 'font-size': font.tick }))

  const widest = (labels: readonly { label: string }[]) => Math.max(0, ...labels.map((t) => textWidth(t.label, font.tick)))
  const slantDepth = f.slant ? Math.min(90, widest(f.xTicks)) * 0.55 : 0
  if (panel.x?.label !== undefined) {
    out.push(text(f.left + f.width / 2, labelY + slantDepth + 18, panel.x.label, { 'font-size': font.label, 'text-anchor': 'middle' }))
  }
  const middle = f.top + f.height / 2
  if (panel.y?.label !== undefined) {
    const x = f.left - tick.length - tick.gap - widest(f.yTicks) - 10
    out.push(rotatedText(x, middle, -90, panel.y.label, { 'font-size': font.label }))
  }
  if (panel.y2?.label !== undefined) {
    const x = right + tick.length + tick.gap + widest(f.y2Ticks) + 10
    out.push(rotatedText(x, middle, 90, panel.y2.label, { 'font-size': font.label }))
  }
  return out
}

/** The panel title, centred over the plot area at the same height in every panel. */
export const drawTitle = (panel: Panel, f: Frame): string[] =>
  panel.title === undefined
    ? []
    : [text(f.left + f.width / 2, 22, panel.title, { 'font-size': font.title, 'font-weight': 'bold', 'text-anchor': 'middle' })]
