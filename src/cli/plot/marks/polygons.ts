/** Filled polygons coloured by region (linear regions of a ReLU network), each optionally labelled at its centroid. */
import type { Frame } from '../frame.js'
import { regionColor } from '../palette.js'
import type { Point, PolygonsMark } from '../scene.js'
import { el, num, text } from '../svg.js'
import { font, ink } from '../theme.js'

/** The area centroid of a simple polygon; the vertex mean when the area is zero. */
export const centroid = (pts: readonly Point[]): Point => {
  let a = 0
  let cx = 0
  let cy = 0
  pts.forEach(([x0, y0], i) => {
    const [x1, y1] = pts[(i + 1) % pts.length]
    const c = x0 * y1 - x1 * y0
    a += c
    cx += (x0 + x1) * c
    cy += (y0 + y1) * c
  })
  if (Math.abs(a) < 1e-12) return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length]
  return [cx / (3 * a), cy / (3 * a)]
}

/** Every polygon with at least three finite vertices as a path, then the labels over all of them. */
export const drawPolygons = (m: PolygonsMark, f: Frame): string[] => {
  const shapes: string[] = []
  const labels: string[] = []
  for (const p of m.polygons) {
    const pts = p.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).map(([x, y]): Point => [f.x(x), f.y(y)])
    if (pts.length < 3) continue
    const d = 'M' + pts.map(([x, y]) => `${num(x)},${num(y)}`).join('L') + 'Z'
    shapes.push(el('path', { d, fill: regionColor(p.region), stroke: ink.axis, 'stroke-width': 0.8, 'stroke-linejoin': 'round' }))
    if (p.label !== undefined) {
      const [cx, cy] = centroid(pts)
      labels.push(text(cx, cy + 4, p.label, { 'font-size': font.note, 'text-anchor': 'middle' }))
    }
  }
  return [...shapes, ...labels]
}
