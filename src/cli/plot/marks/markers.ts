/** Marker shapes centred on a pixel position; filled shapes get a white rim so they stay visible on coloured regions. */
import type { Marker } from '../palette.js'
import { el, num } from '../svg.js'

type Xy = readonly [number, number]

const poly = (pts: readonly Xy[]): string => pts.map(([x, y]) => `${num(x)},${num(y)}`).join(' ')

/** M/L path data through pairs of points: one stroke per pair. */
const strokes = (pairs: readonly (readonly [Xy, Xy])[]): string =>
  pairs.map(([[x0, y0], [x1, y1]]) => `M${num(x0)},${num(y0)}L${num(x1)},${num(y1)}`).join('')

/** One marker of radius r (px) at (x, y). */
export const drawMarker = (shape: Marker, x: number, y: number, r: number, color: string): string => {
  const filled = { fill: color, stroke: '#fff', 'stroke-width': 1 }
  const stroked = { fill: 'none', stroke: color, 'stroke-width': 2.2 }
  switch (shape) {
    case 'circle':
      return el('circle', { cx: x, cy: y, r, ...filled })
    case 'square': {
      const s = r * 0.9
      return el('rect', { x: x - s, y: y - s, width: 2 * s, height: 2 * s, ...filled })
    }
    case 'triangle':
      return el('polygon', { points: poly([[x, y - r * 1.2], [x + r * 1.1, y + r * 0.75], [x - r * 1.1, y + r * 0.75]]), ...filled })
    case 'diamond':
      return el('polygon', { points: poly([[x, y - r * 1.25], [x + r, y], [x, y + r * 1.25], [x - r, y]]), ...filled })
    case 'cross': {
      const s = r * 0.85
      const d = strokes([[[x - s, y - s], [x + s, y + s]], [[x - s, y + s], [x + s, y - s]]])
      return el('path', { d, ...stroked })
    }
    case 'plus':
      return el('path', { d: strokes([[[x - r, y], [x + r, y]], [[x, y - r], [x, y + r]]]), ...stroked })
  }
}
