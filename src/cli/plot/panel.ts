/**
 * One panel drawn into a cell whose top-left corner is (0, 0). Layers, bottom to top: grid, data (clipped to the
 * plot area), point labels, axes, colour bar, legend, title. A panel without data shows a message instead of axes.
 */
import { autocolor } from './autocolor.js'
import { drawAxes, drawGrid, drawTitle } from './axes.js'
import { colorBarMark, colorBarWidth, drawColorBar } from './colorBar.js'
import { hasData } from './extent.js'
import { frame } from './frame.js'
import type { Frame } from './frame.js'
import { drawLegend, legendCorner, legendEntries, legendSize } from './legend.js'
import { drawRule, drawText } from './marks/annotations.js'
import { drawArrows } from './marks/arrows.js'
import { drawBars } from './marks/bars.js'
import { checkGrid, drawImage } from './marks/image.js'
import { drawLine, linePixels } from './marks/line.js'
import { allPointPixels, drawPointLabels, drawPoints } from './marks/points.js'
import { drawPolygons } from './marks/polygons.js'
import type { Mark, Panel, Point, PointsMark } from './scene.js'
import { el, text } from './svg.js'
import { font, ink } from './theme.js'

/** Rendered panel: body elements and the <defs> they refer to. */
export interface RenderedPanel {
  readonly body: readonly string[]
  readonly defs: readonly string[]
}

const drawMark = (m: Mark, f: Frame): string[] => {
  switch (m.kind) {
    case 'line':
      return drawLine(m, f)
    case 'image':
      return drawImage(m, f)
    case 'polygons':
      return drawPolygons(m, f)
    case 'bars':
      return drawBars(m, f)
    case 'arrows':
      return drawArrows(m, f)
    case 'rule':
      return drawRule(m, f)
    case 'text':
      return drawText(m, f)
    case 'points':
      return [] // drawn together after the other marks, so markers are never hidden under lines
  }
}

// Areas first, then lines over them, points on top.
const layerOf: Readonly<Record<Mark['kind'], number>> = { image: 0, polygons: 0, bars: 1, rule: 2, line: 3, arrows: 4, points: 5, text: 6 }

/** Pixel samples along lines (about every 8 px) and at points: what the legend should not cover. */
const dataPixels = (marks: readonly Mark[], f: Frame): Point[] => {
  const out: Point[] = []
  for (const m of marks) {
    if (m.kind !== 'line') continue
    const pts = linePixels(m, f)
    pts.forEach(([x, y], i) => {
      out.push([x, y])
      if (i === 0) return
      const [px, py] = pts[i - 1]
      const n = Math.min(50, Math.floor(Math.hypot(x - px, y - py) / 8))
      for (let k = 1; k < n; k++) out.push([px + ((x - px) * k) / n, py + ((y - py) * k) / n])
    })
  }
  return [...out, ...allPointPixels(marks.filter((m): m is PointsMark => m.kind === 'points'), f)]
}

/** The SVG of `panel` in a width × height cell; `id` makes its clip path unique within the document. */
export const renderPanel = (panel: Panel, width: number, height: number, id: string): RenderedPanel => {
  const marks = autocolor(panel.marks)
  for (const m of marks) if (m.kind === 'image') checkGrid(m)
  const entries = legendEntries(marks)
  const size = legendSize(entries)
  let mode = entries.length === 0 ? 'none' : (panel.legend ?? 'auto')
  let f = frame({ ...panel, marks }, width, height, mode === 'right' ? size.width + 10 : 0)
  let corner = mode === 'auto' ? legendCorner(size, f, dataPixels(marks, f)) : undefined
  if (corner !== undefined && corner.hidden > 0) {
    // Every corner would hide data (XOR's four points sit in the four corners): move the legend outside.
    mode = 'right'
    f = frame({ ...panel, marks }, width, height, size.width + 10)
    corner = undefined
  }
  const bar = colorBarMark(marks)
  const outside = f.sideX + (bar ? colorBarWidth(bar, f.height) : 0) + 10
  const legendAt: Point | undefined = corner?.at ?? (mode === 'right' ? [outside, f.top] : undefined)
  const legend = legendAt === undefined ? [] : drawLegend(entries, legendAt[0], legendAt[1])

  if (!marks.some(hasData)) {
    const box = el('rect', { x: f.left, y: f.top, width: f.width, height: f.height, fill: '#fafafa', stroke: ink.frame })
    const message = text(f.left + f.width / 2, f.top + f.height / 2 + 4, panel.emptyMessage ?? 'no data to plot', {
      'font-size': font.label,
      fill: ink.muted,
      'text-anchor': 'middle',
    })
    return { body: [box, message, ...legend, ...drawTitle(panel, f)], defs: [] }
  }

  const ordered = [...marks].sort((a, b) => layerOf[a.kind] - layerOf[b.kind])
  const points = marks.filter((m): m is PointsMark => m.kind === 'points')
  const data = [...ordered.flatMap((m) => drawMark(m, f)), ...drawPoints(points, f)]
  // The clip reaches a line's half-width past the frame, so a curve running along an edge (accuracy 1) stays whole.
  const clip = el('clipPath', { id }, [el('rect', { x: f.left - 3, y: f.top - 3, width: f.width + 6, height: f.height + 6 })])
  return {
    body: [
      ...drawGrid(panel, f),
      el('g', { 'clip-path': `url(#${id})` }, data),
      ...drawPointLabels(points, f),
      ...drawAxes(panel, f),
      ...(bar ? drawColorBar(bar, f.sideX, f.top, f.height) : []),
      ...legend,
      ...drawTitle(panel, f),
    ],
    defs: [clip],
  }
}
