/** Shared wiring for the plot tests: render a figure and check the invariants every SVG we write must hold. */
import { expect } from 'vitest'
import { toSvg } from '../../../src/cli/plot/figure.js'
import type { Figure, Panel } from '../../../src/cli/plot/scene.js'
import { parseXml } from '../../support/xml.js'
import type { XmlElement } from '../../support/xml.js'

/** The SVG text and its parsed tree, after checking it is a standalone SVG 1.1 document with only finite numbers. */
export const render = (figure: Figure | Panel): { svg: string; root: XmlElement } => {
  const svg = toSvg('marks' in figure ? { panels: [figure] } : figure)
  const root = parseXml(svg)
  expect(root.name).toBe('svg')
  expect(root.attrs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', version: '1.1', 'font-family': 'sans-serif' })
  expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`)
  expect(svg).not.toMatch(/NaN|Infinity|undefined|null|\[object/)
  return { svg, root }
}

/** The `d` attribute of every path, as numbers of points drawn (M and L commands). */
export const pointCount = (d: string): number => (d.match(/[ML]/g) ?? []).length
