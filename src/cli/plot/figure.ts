/** A figure: panels laid out in a grid under an optional title, rendered as one standalone SVG document. */
import { renderPanel } from './panel.js'
import type { Figure, Panel } from './scene.js'
import { el, svgDocument, text } from './svg.js'
import { font, ink, panelSize } from './theme.js'

/** The SVG text of a figure; equal figures give identical bytes. */
export const toSvg = (figure: Figure): string => {
  const width = figure.width ?? panelSize.width
  const height = figure.height ?? panelSize.height
  const n = figure.panels.length
  const columns = Math.max(1, Math.min(n, figure.columns ?? 3))
  const rows = Math.max(1, Math.ceil(n / columns))
  const head = figure.title !== undefined ? 30 : 0
  const centred = { 'text-anchor': 'middle' }
  const title =
    figure.title === undefined
      ? []
      : [text((columns * width) / 2, 21, figure.title, { 'font-size': font.figureTitle, 'font-weight': 'bold', ...centred })]
  if (n === 0) {
    const note = text(width / 2, head + height / 2, 'nothing to plot', { 'font-size': font.label, fill: ink.muted, ...centred })
    return svgDocument(width, head + height, [...title, note])
  }
  const rendered = figure.panels.map((p, i) => renderPanel(p, width, height, `clip${i}`))
  const body = rendered.map((r, i) => {
    const at = `translate(${(i % columns) * width} ${head + Math.floor(i / columns) * height})`
    return el('g', { class: 'panel', transform: at }, r.body)
  })
  return svgDocument(columns * width, head + rows * height, [...title, ...body], rendered.flatMap((r) => r.defs))
}

/** The SVG text of a single panel. */
export const panelSvg = (panel: Panel, size: { width?: number; height?: number } = {}): string =>
  toSvg({ panels: [panel], ...size })
