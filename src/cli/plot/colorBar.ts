/** A vertical colour bar beside a panel, showing the same quantised steps as the image it explains. */
import { levelsOf, valueDomain } from './marks/image.js'
import { colormaps } from './palette.js'
import { linearScale } from './scale.js'
import type { ImageMark, Mark } from './scene.js'
import { el, rotatedText, text, textWidth } from './svg.js'
import { font, ink, tick } from './theme.js'
import { linearLabels, linearTicks } from './ticks.js'

const barWidth = 12
const gap = 14

/** The image mark whose colour bar the panel shows, if any. */
export const colorBarMark = (marks: readonly Mark[]): ImageMark | undefined =>
  marks.find((m): m is ImageMark => m.kind === 'image' && m.fill.kind === 'values' && m.colorBar !== undefined)

const ticksOf = (m: ImageMark, height: number) => {
  const values = linearTicks(valueDomain(m), Math.max(2, Math.round(height / 45)))
  return { values, labels: linearLabels(values) }
}

/** Horizontal space in px the colour bar needs right of the plot area. */
export const colorBarWidth = (m: ImageMark, height: number): number =>
  gap + barWidth + tick.length + tick.gap + Math.max(0, ...ticksOf(m, height).labels.map((l) => textWidth(l, font.tick))) + (m.colorBar ? 20 : 4)

/** The bar for `m` with its left edge at x, spanning [top, top + height]. */
export const drawColorBar = (m: ImageMark, x: number, top: number, height: number): string[] => {
  if (m.fill.kind !== 'values') return []
  const n = levelsOf(m)
  const map = colormaps[m.fill.colormap ?? 'viridis']
  const left = x + gap
  const steps = Array.from({ length: n }, (_, q) =>
    el('rect', { x: left, y: top + (height * (n - q - 1)) / n, width: barWidth, height: height / n + 0.3, fill: map((q + 0.5) / n) }),
  )
  const y = linearScale(valueDomain(m), [top + height, top])
  const { values, labels } = ticksOf(m, height)
  const right = left + barWidth
  const ticks = values.flatMap((v, i) => [
    el('line', { x1: right, y1: y(v), x2: right + tick.length, y2: y(v), stroke: ink.axis }),
    text(right + tick.length + tick.gap, y(v) + 4, labels[i], { 'font-size': font.tick }),
  ])
  const labelX = right + tick.length + tick.gap + Math.max(0, ...labels.map((l) => textWidth(l, font.tick))) + 14
  const label = m.colorBar ? [rotatedText(labelX, top + height / 2, 90, m.colorBar, { 'font-size': font.label })] : []
  return [
    el('g', { class: 'color-bar' }, [
      el('g', { 'shape-rendering': 'crispEdges' }, steps),
      el('rect', { x: left, y: top, width: barWidth, height, fill: 'none', stroke: ink.frame }),
      ...ticks,
      ...label,
    ]),
  ]
}
