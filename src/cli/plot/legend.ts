/** The legend: one entry per named series, drawn in a box; `auto` placement picks the corner that hides the least data. */
import { hasData } from './extent.js'
import type { Marker } from './palette.js'
import type { Mark, Point } from './scene.js'
import { drawMarker } from './marks/markers.js'
import { el, text, textWidth } from './svg.js'
import { font, ink } from './theme.js'

/** One legend line: a sample of the mark and its name. */
export interface LegendEntry {
  readonly name: string
  readonly color: string
  readonly sample: 'line' | 'dashed' | 'swatch' | Marker
}

/** Entries for the named series among `marks` (colours already resolved); series without data say so. */
export const legendEntries = (marks: readonly Mark[]): LegendEntry[] =>
  marks.flatMap((m): LegendEntry[] => {
    const note = hasData(m) ? '' : ' (no data)'
    if (m.kind === 'line' && m.name !== undefined) {
      return [{ name: m.name + note, color: m.color ?? ink.axis, sample: m.dash === true ? 'dashed' : 'line' }]
    }
    if (m.kind === 'points' && m.name !== undefined) {
      return [{ name: m.name + note, color: m.color ?? ink.axis, sample: m.marker ?? 'circle' }]
    }
    if (m.kind === 'arrows' && m.name !== undefined) return [{ name: m.name, color: m.color ?? ink.muted, sample: 'line' }]
    if (m.kind === 'bars') return m.series.map((s) => ({ name: s.name, color: s.color ?? ink.axis, sample: 'swatch' }))
    return []
  })

const row = 17
const pad = 6
const sampleWidth = 22

/** Width and height in px of the legend box. */
export const legendSize = (entries: readonly LegendEntry[]): { width: number; height: number } => ({
  width: pad * 2 + sampleWidth + 6 + Math.max(0, ...entries.map((e) => textWidth(e.name, font.label))),
  height: pad * 2 + row * entries.length - 3,
})

const sample = (e: LegendEntry, x: number, y: number): string => {
  if (e.sample === 'line' || e.sample === 'dashed') {
    const dash = e.sample === 'dashed' ? '5 3' : undefined
    return el('line', { x1: x, y1: y, x2: x + sampleWidth, y2: y, stroke: e.color, 'stroke-width': 2, 'stroke-dasharray': dash })
  }
  if (e.sample === 'swatch') return el('rect', { x: x + 4, y: y - 6, width: sampleWidth - 8, height: 12, fill: e.color })
  return drawMarker(e.sample, x + sampleWidth / 2, y, 5, e.color)
}

/** The legend box with its top-left corner at (x, y). */
export const drawLegend = (entries: readonly LegendEntry[], x: number, y: number): string[] => {
  const { width, height } = legendSize(entries)
  const box = el('rect', { x, y, width, height, fill: '#fff', 'fill-opacity': 0.88, stroke: ink.frame, 'stroke-width': 0.8, rx: 3 })
  const lines = entries.flatMap((e, i) => {
    const cy = y + pad + row * i + 7
    return [sample(e, x + pad, cy), text(x + pad + sampleWidth + 6, cy + 4, e.name, { 'font-size': font.label })]
  })
  return [el('g', { class: 'legend' }, [box, ...lines])]
}

/** The inside corner (top-left of the box) covering the fewest of `data` (pixel points), ties to top-right first, and how many it hides. */
export const legendCorner = (
  size: { width: number; height: number },
  area: { left: number; top: number; width: number; height: number },
  data: readonly Point[],
): { at: Point; hidden: number } => {
  const m = 6
  const xs = [area.left + area.width - size.width - m, area.left + m]
  const ys = [area.top + m, area.top + area.height - size.height - m]
  const corners: Point[] = [[xs[0], ys[0]], [xs[1], ys[0]], [xs[0], ys[1]], [xs[1], ys[1]]]
  const hidden = ([x, y]: Point) =>
    data.filter(([px, py]) => px >= x - 8 && px <= x + size.width + 8 && py >= y - 8 && py <= y + size.height + 8).length
  let best = corners[0]
  let fewest = hidden(best)
  for (const c of corners.slice(1)) {
    const n = hidden(c)
    if (n < fewest) [best, fewest] = [c, n]
  }
  return { at: best, hidden: fewest }
}
