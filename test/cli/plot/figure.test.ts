import { describe, expect, it } from 'vitest'
import { barChart } from '../../../src/cli/plot/charts/bars.js'
import { lineChart, trainingCurves } from '../../../src/cli/plot/charts/lines.js'
import { decisionRegions, sampleGrid } from '../../../src/cli/plot/charts/regions.js'
import { scatterPlot } from '../../../src/cli/plot/charts/scatter.js'
import { panelSvg, toSvg } from '../../../src/cli/plot/figure.js'
import type { Figure } from '../../../src/cli/plot/scene.js'
import { elementsNamed, texts } from '../../support/xml.js'
import { render } from './render.js'

const mixed = (): Figure => ({
  title: 'Everything <at once> & "more"',
  columns: 2,
  panels: [
    lineChart({ title: 'a & b', series: [{ name: '<train>', y: [1, 0.5, 0.25] }] }),
    scatterPlot({ points: [{ x: 0, y: 1, cls: 1, label: "'q'" }] }),
    decisionRegions({ grid: sampleGrid((x, y) => (x > y ? 1 : 0), [0, 1], [0, 1], 20, 20) }),
    barChart({ categories: ['x'], series: [{ name: 's', values: [2] }] }),
    ...trainingCurves({ loss: [{ name: 'l', y: [1, 2] }] }).panels,
  ],
})

describe('toSvg', () => {
  it('is deterministic: the same figure gives the same bytes', () => {
    expect(toSvg(mixed())).toBe(toSvg(mixed()))
  })

  it('escapes <, & and quotes in titles, names and labels', () => {
    const { svg, root } = render(mixed())

    expect(texts(root)).toEqual(expect.arrayContaining(['Everything <at once> & "more"', 'a & b', '<train>', "'q'"]))
    expect(svg).toContain('Everything &lt;at once&gt; &amp; &quot;more&quot;')
    expect(svg).not.toMatch(/<train>|a & b/)
  })

  it('lays panels out in rows of `columns`, each with its own clip path', () => {
    const { root } = render(mixed())

    const panels = elementsNamed(root, 'g').filter((g) => g.attrs.class === 'panel')
    expect(panels.map((p) => p.attrs.transform)).toEqual([
      'translate(0 30)',
      'translate(440 30)',
      'translate(0 350)',
      'translate(440 350)',
      'translate(0 670)',
    ])
    const ids = elementsNamed(root, 'clipPath').map((c) => c.attrs.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(root.attrs).toMatchObject({ width: '880', height: '990' })
  })

  it('rounds every coordinate to at most two decimals', () => {
    const { svg } = render(mixed())

    expect(svg).not.toMatch(/\d\.\d{3,}/)
  })

  it('renders a figure without panels as a note', () => {
    expect(texts(render({ panels: [] }).root)).toContain('nothing to plot')
  })

  it('renders a single panel at a chosen size', () => {
    const svg = panelSvg(lineChart({ series: [{ name: 'a', y: [1, 2] }] }), { width: 300, height: 200 })

    expect(svg).toContain('viewBox="0 0 300 200"')
  })
})
