/** Scatter markers and their labels. Labels lean into the plot area, and labels of points drawn at one spot are stacked. */
import { finitePairs } from '../extent.js'
import type { Frame } from '../frame.js'
import type { Point, PointsMark } from '../scene.js'
import { text, textWidth } from '../svg.js'
import { font, ink } from '../theme.js'
import { drawMarker } from './markers.js'

/** The pixel positions of a points mark, with the index of each point in the mark. */
export const pointPixels = (m: PointsMark, f: Frame): { at: Point; i: number }[] => {
  const out: { at: Point; i: number }[] = []
  finitePairs(m.x, m.y, m.name === undefined ? 'a point set' : `points "${m.name}"`) // throws on unequal lengths
  for (let i = 0; i < m.x.length; i++) {
    const at: Point = [f.x(m.x[i]), f.y(m.y[i])]
    if (Number.isFinite(at[0]) && Number.isFinite(at[1])) out.push({ at, i })
  }
  return out
}

/** Markers of every points mark, in mark order. */
export const drawPoints = (marks: readonly PointsMark[], f: Frame): string[] =>
  marks.flatMap((m) => pointPixels(m, f).map(({ at }) => drawMarker(m.marker ?? 'circle', at[0], at[1], m.size ?? 5.5, m.color ?? ink.axis)))

/** Labels of every points mark: beside the marker on the side facing the plot's centre, stacked where points coincide. */
export const drawPointLabels = (marks: readonly PointsMark[], f: Frame): string[] => {
  const spots = new Map<string, { at: Point; r: number; labels: string[] }>()
  for (const m of marks) {
    if (m.labels === undefined) continue
    for (const { at, i } of pointPixels(m, f)) {
      const label = m.labels[i]
      if (label === undefined || label === '') continue
      const key = `${Math.round(at[0] / 3)},${Math.round(at[1] / 3)}`
      const spot = spots.get(key) ?? { at, r: m.size ?? 5.5, labels: [] }
      if (!spot.labels.includes(label)) spot.labels.push(label)
      spots.set(key, spot)
    }
  }
  const line = font.note + 2
  return [...spots.values()].flatMap(({ at: [x, y], r, labels }) => {
    const width = Math.max(...labels.map((l) => textWidth(l, font.note)))
    const leftward = x + r + 4 + width > f.left + f.width - 2
    const below = y - r - line * labels.length < f.top
    const tx = leftward ? x - r - 3 : x + r + 3
    const ty0 = below ? y + r + font.note : y - r - 2 - line * (labels.length - 1)
    const attrs = { 'font-size': font.note, 'text-anchor': leftward ? 'end' : 'start' }
    // A white halo drawn first keeps labels legible on coloured regions (paint-order is SVG 2, so not used).
    return labels.flatMap((l, k) => [
      text(tx, ty0 + k * line, l, { ...attrs, fill: '#fff', stroke: '#fff', 'stroke-width': 3, 'stroke-linejoin': 'round', opacity: 0.8 }),
      text(tx, ty0 + k * line, l, attrs),
    ])
  })
}

/** All marker centres of the panel, for legend placement. */
export const allPointPixels = (marks: readonly PointsMark[], f: Frame): Point[] => marks.flatMap((m) => pointPixels(m, f).map((p) => p.at))
