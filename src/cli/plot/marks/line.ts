/** Polylines. Non-finite points are dropped and the line joins their neighbours, so one NaN never hides a series. */
import { finitePairs } from '../extent.js'
import type { Frame } from '../frame.js'
import type { LineMark, Point } from '../scene.js'
import { el, num } from '../svg.js'

/**
 * At most first, lowest, highest and last point per pixel column, in their original order: a 100 000-step loss
 * curve then costs a few kilobytes and still shows its full spread. Only for x increasing, where columns are runs.
 */
export const decimate = (pts: readonly Point[]): Point[] => {
  for (let i = 1; i < pts.length; i++) if (pts[i][0] < pts[i - 1][0]) return [...pts]
  const out: Point[] = []
  for (let i = 0; i < pts.length; ) {
    const col = Math.round(pts[i][0])
    let j = i
    let lo = i
    let hi = i
    while (j < pts.length && Math.round(pts[j][0]) === col) {
      if (pts[j][1] < pts[lo][1]) lo = j
      if (pts[j][1] > pts[hi][1]) hi = j
      j++
    }
    for (const k of [...new Set([i, lo, hi, j - 1])].sort((a, b) => a - b)) out.push(pts[k])
    i = j
  }
  return out
}

/** The pixel points of a line mark, after dropping non-finite data and values a log axis cannot show. */
export const linePixels = (m: LineMark, f: Frame): Point[] => {
  const y = m.onY2 === true && f.y2 !== undefined ? f.y2 : f.y
  const px = finitePairs(m.x, m.y, m.name === undefined ? 'a line' : `line "${m.name}"`)
    .map(([a, b]): Point => [f.x(a), y(b)])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b))
  return decimate(px)
}

/** A `<path>` through the points, or nothing for an empty series; a single point becomes a dot. */
export const drawLine = (m: LineMark, f: Frame): string[] => {
  const pts = linePixels(m, f)
  const color = m.color ?? '#444'
  if (pts.length === 0) return []
  if (pts.length === 1) return [el('circle', { cx: pts[0][0], cy: pts[0][1], r: 2.5, fill: color })]
  const d = 'M' + pts.map(([a, b]) => `${num(a)},${num(b)}`).join('L')
  return [
    el('path', {
      d,
      fill: 'none',
      stroke: color,
      'stroke-width': m.width ?? 2,
      'stroke-linejoin': 'round',
      'stroke-linecap': 'round',
      'stroke-dasharray': m.dash === true ? '6 4' : undefined,
    }),
  ]
}
