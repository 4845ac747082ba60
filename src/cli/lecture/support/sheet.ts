/**
 * Sheets: plot panels and free drawings side by side in one SVG document, for pictures that the
 * plot module's uniform grid of equal panels cannot lay out (a graph drawing beside a bar chart).
 */
import { renderPanel } from '../../plot/panel.js'
import type { Panel } from '../../plot/scene.js'
import { el, svgDocument, text } from '../../plot/svg.js'
import { font, ink } from '../../plot/theme.js'

/** SVG elements drawn in a width × height box whose top-left corner is (0, 0). */
export interface Drawing {
  readonly width: number
  readonly height: number
  readonly body: readonly string[]
  readonly defs?: readonly string[]
}

/** A plot panel drawn at a given size. */
export interface PanelCell {
  readonly panel: Panel
  readonly width: number
  readonly height: number
}

/** One cell of a sheet. */
export type Cell = PanelCell | Drawing

const isPanel = (c: Cell): c is PanelCell => 'panel' in c

/** Rows of cells under an optional title and over optional footnotes; a row is as tall as its tallest cell. */
export const sheet = (rows: readonly (readonly Cell[])[], { title, notes = [] }: { title?: string; notes?: readonly string[] } = {}): string => {
  const head = title === undefined ? 0 : 32
  const width = Math.max(...rows.map((r) => r.reduce((w, c) => w + c.width, 0)))
  const body: string[] = []
  const defs: string[] = []
  let y = head
  rows.forEach((row, i) => {
    let x = 0
    row.forEach((cell, j) => {
      const drawn = isPanel(cell) ? renderPanel(cell.panel, cell.width, cell.height, `clip-${i}-${j}`) : cell
      body.push(el('g', { transform: `translate(${x} ${y})` }, drawn.body))
      defs.push(...(drawn.defs ?? []))
      x += cell.width
    })
    y += Math.max(...row.map((c) => c.height))
  })
  const noteLines = notes.map((n, k) => text(16, y + 16 + 17 * k, n, { 'font-size': font.label, fill: ink.text }))
  const height = y + (notes.length > 0 ? 17 * notes.length + 12 : 0)
  const heading =
    title === undefined
      ? []
      : [text(width / 2, 22, title, { 'font-size': font.figureTitle, 'font-weight': 'bold', 'text-anchor': 'middle' })]
  return svgDocument(width, height, [...heading, ...body, ...noteLines], defs)
}
