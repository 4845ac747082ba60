/**
 * Drawing a graph of ops as rows of boxes, read bottom to top as the lecture's figures are: by
 * default each op sits one row above its highest input. A caller may place nodes itself (the
 * derivative graph runs back down beside the forward graph) and split rows into a left and a
 * right side. Rows are ordered by a few barycenter sweeps to reduce crossings; nothing fancier.
 */
import type { Node } from '../../../graph/node.js'
import { el, num, text, textWidth } from '../../plot/svg.js'
import { ink } from '../../plot/theme.js'
import type { Drawing } from './sheet.js'

/** How each node is drawn: its two lines of text, fill colour, and emphasis. */
export interface NodeStyle {
  readonly label: (n: Node) => string
  readonly detail: (n: Node) => string
  readonly fill: (n: Node) => string
  readonly bold?: (n: Node) => boolean
  readonly faded?: (n: Node) => boolean
}

/** Where nodes go: rows (0 at the bottom) and, optionally, the side of the drawing each node takes. */
export interface Placement {
  readonly row: ReadonlyMap<number, number>
  readonly right?: (n: Node) => boolean
}

/** Ops one row above their highest input; feeds and constants just below their lowest consumer. */
export const upward = (nodes: readonly Node[]): Map<number, number> => {
  const ids = new Set(nodes.map((n) => n.id))
  const row = new Map<number, number>()
  for (const n of nodes) row.set(n.id, Math.max(-1, ...n.inputs.filter((i) => ids.has(i.id)).map((i) => row.get(i.id) ?? 0)) + 1)
  for (const n of nodes) {
    if (n.op !== null) continue
    const uses = nodes.filter((m) => m.inputs.some((i) => i.id === n.id)).map((m) => row.get(m.id) ?? 0)
    if (uses.length > 0) row.set(n.id, Math.max(0, Math.min(...uses) - 1))
  }
  return row
}

const boxHeight = 30
const rowHeight = 50
const gap = 14
const head = 44

/** The graph drawn `width` px wide with at least `rows` + 1 rows, titled above. */
export const drawGraph = (
  nodes: readonly Node[],
  style: NodeStyle,
  { title, width, rows = 0, placement }: { title: string; width: number; rows?: number; placement?: Placement },
): Drawing => {
  const row = placement?.row ?? upward(nodes)
  const right = placement?.right ?? (() => false)
  const top = Math.max(rows, ...row.values())
  const byRow: Node[][] = Array.from({ length: top + 1 }, () => [])
  for (const n of nodes) byRow[row.get(n.id) ?? 0].push(n)
  const boxWidth = (n: Node) => Math.max(textWidth(style.label(n), 11), textWidth(style.detail(n), 9)) + 14
  const split = nodes.some(right)
  const xOf = new Map<number, number>()
  const placeRow = (r: readonly Node[]) => {
    for (const [side, lo, hi] of [[false, 0, split ? width / 2 : width], [true, width / 2, width]] as const) {
      const mine = r.filter((n) => right(n) === side)
      const total = mine.reduce((s, n) => s + boxWidth(n), 0) + gap * (mine.length - 1)
      let x = (lo + hi - total) / 2
      for (const n of mine) {
        xOf.set(n.id, x + boxWidth(n) / 2)
        x += boxWidth(n) + gap
      }
    }
  }
  byRow.forEach(placeRow)
  const consumers = (n: Node) => nodes.filter((m) => m.inputs.includes(n))
  const mean = (v: readonly number[], fallback: number) => (v.length === 0 ? fallback : v.reduce((s, a) => s + a, 0) / v.length)
  for (let sweep = 0; sweep < 6; sweep++) {
    const neighbours = sweep % 2 === 0 ? (n: Node) => [...n.inputs] : consumers
    for (const r of sweep % 2 === 0 ? byRow : [...byRow].reverse()) {
      const key = (n: Node) => mean(neighbours(n).flatMap((m) => xOf.get(m.id) ?? []), xOf.get(n.id) ?? 0)
      r.sort((a, b) => key(a) - key(b))
      placeRow(r)
    }
  }
  const yOf = (n: Node) => head + (top - (row.get(n.id) ?? 0)) * rowHeight
  const edges: string[] = []
  const heads: string[] = []
  for (const n of nodes) {
    n.inputs.forEach((i, k) => {
      if (!xOf.has(i.id)) return
      const [x0, y0, x1, y1] = [xOf.get(i.id) ?? 0, yOf(i), xOf.get(n.id) ?? 0, yOf(n)]
      const dashed = (n.op?.shapeOnly ?? []).includes(k) ? '3 3' : undefined
      const spread = (k - (n.inputs.length - 1) / 2) * 12
      const attrs = { fill: 'none', stroke: '#8a8a8a', 'stroke-width': 1, 'stroke-dasharray': dashed }
      if (y0 === y1) {
        // Same row: side to side, arrowhead on the consumer's near edge.
        const dir = x1 > x0 ? 1 : -1
        const [sx, ex] = [x0 + (dir * boxWidth(i)) / 2, x1 - (dir * boxWidth(n)) / 2 - dir * 5]
        edges.push(el('path', { d: `M${num(sx)},${num(y0)}H${num(ex)}`, ...attrs }))
        heads.push(`M${num(ex + dir * 5)},${num(y1)}L${num(ex - dir)},${num(y1 - 3.5)}L${num(ex - dir)},${num(y1 + 3.5)}Z`)
        return
      }
      const dir = y1 < y0 ? -1 : 1 // −1: the edge goes up the page
      const [sy, ey] = [y0 + (dir * boxHeight) / 2, y1 - (dir * boxHeight) / 2 - dir * 5]
      const ex = x1 + spread
      const mid = (sy + ey) / 2
      edges.push(el('path', { d: `M${num(x0)},${num(sy)}C${num(x0)},${num(mid)} ${num(ex)},${num(mid)} ${num(ex)},${num(ey)}`, ...attrs }))
      heads.push(`M${num(ex)},${num(ey + dir * 5)}L${num(ex - 3.5)},${num(ey - dir)}L${num(ex + 3.5)},${num(ey - dir)}Z`)
    })
  }
  const boxes = nodes.map((n) => {
    const [x, y, w] = [xOf.get(n.id) ?? 0, yOf(n), boxWidth(n)]
    const bold = style.bold?.(n) === true
    return el('g', { opacity: style.faded?.(n) === true ? 0.55 : undefined }, [
      el('rect', {
        ...{ x: x - w / 2, y: y - boxHeight / 2, width: w, height: boxHeight, rx: n.op === null ? 2 : 9 },
        ...{ fill: style.fill(n), stroke: bold ? '#b34700' : ink.axis, 'stroke-width': bold ? 2.2 : 0.9 },
      }),
      text(x, y - 1, style.label(n), { 'font-size': 11, 'text-anchor': 'middle' }),
      text(x, y + 11, style.detail(n), { 'font-size': 9, 'text-anchor': 'middle', fill: ink.muted }),
    ])
  })
  return {
    width,
    height: head + top * rowHeight + boxHeight / 2 + 16,
    body: [
      text(width / 2, 22, title, { 'font-size': 13, 'font-weight': 'bold', 'text-anchor': 'middle' }),
      el('g', { class: 'edges' }, edges),
      ...(heads.length > 0 ? [el('path', { d: heads.join(''), fill: '#8a8a8a' })] : []),
      ...boxes,
    ],
  }
}

/**
 * Rows for a forward graph plus the nodes `grad` added: forward nodes as `upward` places them;
 * each added node one row below its lowest added input, so the gradient runs back down; the
 * seed (ones like the output) on the output's row; added nodes that read forward values only
 * (a mask like relu′(a)) one row above the added node that uses them.
 */
export const backward = (forward: readonly Node[], all: readonly Node[]): Map<number, number> => {
  const row = upward(forward)
  const added = all.filter((n) => !row.has(n.id))
  const isAdded = new Set(added.map((n) => n.id))
  const later: Node[] = []
  for (const n of added) {
    const from = n.inputs.filter((i) => isAdded.has(i.id) && row.has(i.id)).map((i) => row.get(i.id) ?? 0)
    if (from.length > 0) row.set(n.id, Math.min(...from) - 1)
    else if (n.inputs.length === 1 && !isAdded.has(n.inputs[0].id)) row.set(n.id, row.get(n.inputs[0].id) ?? 0)
    else later.push(n)
  }
  for (const n of later) {
    const users = added.filter((m) => m.inputs.includes(n) && row.has(m.id)).map((m) => row.get(m.id) ?? 0)
    row.set(n.id, users.length > 0 ? Math.max(...users) + 1 : 0)
  }
  const low = Math.min(0, ...row.values())
  return new Map([...row].map(([id, r]) => [id, r - low]))
}
