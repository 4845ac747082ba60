/**
 * A small fully connected network drawn as columns of units, with notes beside each unit and
 * edges whose width and colour show a value per weight (the weight itself, or its gradient).
 */
import { el, num, text } from '../../plot/svg.js'
import { ink } from '../../plot/theme.js'
import type { Drawing } from './sheet.js'

/** One column of units: their names (drawn inside), lines of notes (drawn beside), and whether each is off (greyed). */
export interface Column {
  readonly heading: string
  readonly units: readonly { readonly name: string; readonly notes: readonly string[]; readonly off?: boolean }[]
}

/** An edge from unit i of column c to unit j of column c + 1, carrying `value` (drawn as width and colour) and a label. */
export interface Edge {
  readonly column: number
  readonly from: number
  readonly to: number
  readonly value: number
  readonly label: string
}

const radius = 17

/** The network in a width × height box under a title, with optional lines of text at the bottom. */
export const drawNetwork = ({
  title,
  width,
  height,
  columns,
  edges,
  footer = [],
}: {
  title: string
  width: number
  height: number
  columns: readonly Column[]
  edges: readonly Edge[]
  footer?: readonly string[]
}): Drawing => {
  const top = 62
  const bottom = height - 22 - 16 * footer.length
  const colX = (c: number) => 60 + (c * (width - 210)) / Math.max(1, columns.length - 1)
  const unitY = (c: number, i: number) => {
    const n = columns[c].units.length
    return top + ((i + 0.5) * (bottom - top)) / n
  }
  const biggest = Math.max(1e-12, ...edges.map((e) => Math.abs(e.value)))
  const lines = edges.map((e) => {
    const [x0, y0, x1, y1] = [colX(e.column) + radius, unitY(e.column, e.from), colX(e.column + 1) - radius, unitY(e.column + 1, e.to)]
    // Labels sit a quarter of the way along: the fan from one unit has spread out, and fans have not met.
    const [lx, ly] = [x0 + (x1 - x0) * 0.25, y0 + (y1 - y0) * 0.25]
    return el('g', {}, [
      el('line', {
        ...{ x1: x0, y1: y0, x2: x1, y2: y1, stroke: e.value >= 0 ? '#4477AA' : '#EE6677' },
        ...{ 'stroke-width': num(0.8 + (4 * Math.abs(e.value)) / biggest), 'stroke-opacity': 0.75 },
      }),
      text(lx, ly - 3, e.label, { 'font-size': 10, 'text-anchor': 'middle', fill: '#fff', stroke: '#fff', 'stroke-width': 3, opacity: 0.85 }),
      text(lx, ly - 3, e.label, { 'font-size': 10, 'text-anchor': 'middle' }),
    ])
  })
  const units = columns.flatMap((col, c) => [
    text(colX(c), 46, col.heading, { 'font-size': 12, 'font-weight': 'bold', 'text-anchor': 'middle' }),
    ...col.units.map((u, i) => {
      const [x, y] = [colX(c), unitY(c, i)]
      return el('g', {}, [
        el('circle', {
          ...{ cx: x, cy: y, r: radius, fill: u.off === true ? '#e4e4e4' : '#fff' },
          ...{ stroke: ink.axis, 'stroke-width': 1.2, 'stroke-dasharray': u.off === true ? '3 2' : undefined },
        }),
        text(x, y + 4, u.name, { 'font-size': 12, 'text-anchor': 'middle' }),
        ...u.notes.flatMap((note, k) => {
          // Notes go under the unit, except in the last column, where nothing lies to the right.
          const last = c === columns.length - 1
          const [nx, ny, anchor] = last
            ? [x + radius + 8, y - 13 * (u.notes.length / 2 - 1) + 13 * k - 2, 'start']
            : [x, y + radius + 13 + 13 * k, 'middle']
          const attrs = { 'font-size': 10.5, 'text-anchor': anchor }
          return [
            text(nx, ny, note, { ...attrs, fill: '#fff', stroke: '#fff', 'stroke-width': 3.5, opacity: 0.9 }),
            text(nx, ny, note, { ...attrs, fill: ink.text }),
          ]
        }),
      ])
    }),
  ])
  const foot = footer.map((line, k) => text(16, height - 16 - 16 * (footer.length - 1 - k), line, { 'font-size': 11.5 }))
  return {
    width,
    height,
    body: [text(width / 2, 22, title, { 'font-size': 13, 'font-weight': 'bold', 'text-anchor': 'middle' }), ...lines, ...units, ...foot],
  }
}
