/** Arrows between matched points, stopped short of both ends so markers stay visible; heads are paths in the line's colour. */
import type { Frame } from '../frame.js'
import type { ArrowsMark } from '../scene.js'
import { el, num } from '../svg.js'
import { ink } from '../theme.js'

/** One path with every shaft and one with every head; pairs that are non-finite or (nearly) coincide are skipped. */
export const drawArrows = (m: ArrowsMark, f: Frame): string[] => {
  if (m.from.length !== m.to.length) throw new RangeError(`plot: arrows have ${m.from.length} starts but ${m.to.length} ends`)
  const gap = 8
  const head = 7
  const shafts: string[] = []
  const heads: string[] = []
  m.from.forEach(([fx, fy], i) => {
    const [x0, y0, x1, y1] = [f.x(fx), f.y(fy), f.x(m.to[i][0]), f.y(m.to[i][1])]
    const len = Math.hypot(x1 - x0, y1 - y0)
    if (!Number.isFinite(len) || len < 2 * gap + head) return
    const [ux, uy] = [(x1 - x0) / len, (y1 - y0) / len]
    const [sx, sy, ex, ey] = [x0 + ux * gap, y0 + uy * gap, x1 - ux * gap, y1 - uy * gap]
    const [bx, by] = [ex - ux * head, ey - uy * head]
    shafts.push(`M${num(sx)},${num(sy)}L${num(bx)},${num(by)}`)
    const [nx, ny] = [-uy * head * 0.45, ux * head * 0.45] // half the head's width, across the shaft
    heads.push(`M${num(ex)},${num(ey)}L${num(bx + nx)},${num(by + ny)}L${num(bx - nx)},${num(by - ny)}Z`)
  })
  if (shafts.length === 0) return []
  const color = m.color ?? ink.muted
  return [
    el('g', { class: 'arrows' }, [
      el('path', { d: shafts.join(''), stroke: color, 'stroke-width': 1.4, fill: 'none' }),
      el('path', { d: heads.join(''), fill: color }),
    ]),
  ]
}
