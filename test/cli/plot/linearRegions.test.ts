import { describe, expect, it } from 'vitest'
import { countRegions, linearRegions } from '../../../src/cli/plot/charts/linearRegions.js'
import { sampleGrid } from '../../../src/cli/plot/charts/regions.js'
import { centroid } from '../../../src/cli/plot/marks/polygons.js'
import { regionColor } from '../../../src/cli/plot/palette.js'
import { elementsNamed, texts } from '../../support/xml.js'
import { render } from './render.js'

describe('linearRegions', () => {
  it('fills each polygon with its region colour and labels it at its centroid', () => {
    const polygons = [
      { points: [[0, 0], [1, 0], [0, 1]] as const, region: 0, label: 'A' },
      { points: [[1, 0], [1, 1], [0, 1]] as const, region: 1, label: 'B' },
      { points: [[0, 0], [1, 1]] as const, region: 2 }, // degenerate: skipped
    ]

    const { root } = render(linearRegions({ polygons }))

    const fills = elementsNamed(root, 'path').filter((p) => p.attrs.d.endsWith('Z') && p.attrs.stroke === '#444')
    expect(fills.map((p) => p.attrs.fill)).toEqual([regionColor(0), regionColor(1)])
    expect(texts(root)).toEqual(expect.arrayContaining(['A', 'B']))
  })

  it('finds the area centroid of a polygon', () => {
    expect(centroid([[0, 0], [3, 0], [0, 3]])).toEqual([1, 1])
    expect(centroid([[0, 0], [2, 2], [4, 4]])).toEqual([2, 2])
  })

  it('colours a label grid by region and outlines region boundaries', () => {
    // Four quadrants: the activation pattern of relu(x) and relu(y).
    const grid = sampleGrid((x, y) => (x > 0 ? 1 : 0) + (y > 0 ? 2 : 0), [-1, 1], [-1, 1], 40, 40)

    const { root } = render(linearRegions({ grid }))

    expect(countRegions(grid)).toBe(4)
    const image = elementsNamed(root, 'g').find((g) => g.attrs.class === 'image')
    expect(image?.children).toHaveLength(4)
    const outline = elementsNamed(root, 'path').find((p) => p.attrs.class === 'outline')
    expect(outline?.attrs.d.match(/M/g)).toHaveLength(2) // one vertical and one horizontal line, each merged into one run
  })

  it('says so with neither polygons nor grid', () => {
    expect(texts(render(linearRegions({})).root)).toContain('no regions to plot')
  })
})
