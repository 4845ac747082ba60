import { describe, expect, it } from 'vitest'
import { decisionRegions, sampleGrid } from '../../../src/cli/plot/charts/regions.js'
import { toSvg } from '../../../src/cli/plot/figure.js'
import { colorOf, tint } from '../../../src/cli/plot/palette.js'
import { elementsNamed, texts } from '../../support/xml.js'
import { render } from './render.js'

const xorNet = (a: number, b: number) => Math.max(0, a + b) - 2 * Math.max(0, a + b - 1)
const imageOf = (root: ReturnType<typeof render>['root']) => elementsNamed(root, 'g').find((g) => g.attrs.class === 'image')

describe('sampleGrid', () => {
  it('samples at cell centres, bottom row first', () => {
    const g = sampleGrid((x, y) => 10 * x + y, [0, 2], [0, 4], 2, 2)

    expect(Array.from(g.values)).toEqual([6, 16, 8, 18]) // x ∈ {0.5, 1.5}, y ∈ {1, 3}
  })
})

describe('decisionRegions', () => {
  it('fills a 100×100 class map with one path per class, a few kilobytes in all', () => {
    const grid = sampleGrid((a, b) => (xorNet(a, b) > 0.5 ? 1 : 0), [-0.5, 1.5], [-0.5, 1.5], 100, 100)

    const { svg, root } = render(decisionRegions({ grid, points: [{ x: 0, y: 1, cls: 1 }] }))

    expect(imageOf(root)?.children.map((p) => p.attrs.fill)).toEqual([tint(colorOf(0)), tint(colorOf(1))])
    expect(elementsNamed(root, 'path').some((p) => p.attrs.class === 'outline')).toBe(true)
    expect(svg.length).toBeLessThan(40_000)
  })

  it('merges a uniform grid into a single rectangle', () => {
    const { root } = render(decisionRegions({ grid: { cols: 50, rows: 40, x: [0, 1], y: [0, 1], values: new Float64Array(2000) } }))

    expect(imageOf(root)?.children.map((p) => p.attrs.d.match(/M/g)?.length)).toEqual([1])
  })

  it('maps values through a quantised colormap and draws the colour bar with its label', () => {
    const grid = sampleGrid(xorNet, [-0.5, 1.5], [-0.5, 1.5], 100, 100)

    const { svg, root } = render(decisionRegions({ grid, fill: { kind: 'values', colormap: 'diverging', levels: 16 }, colorBar: 'f(x)' }))

    expect(imageOf(root)?.children.length).toBeLessThanOrEqual(16)
    const bar = elementsNamed(root, 'g').find((g) => g.attrs.class === 'color-bar')
    expect(bar?.children[0].children).toHaveLength(16)
    expect(texts(root)).toContain('f(x)')
    expect(svg.length).toBeLessThan(80_000)
  })

  it('leaves cells without a finite value empty', () => {
    const { root } = render(decisionRegions({ grid: { cols: 2, rows: 1, x: [0, 2], y: [0, 1], values: [Number.NaN, 1] } }))

    expect(imageOf(root)?.children).toHaveLength(1)
  })

  it('says so for an empty grid', () => {
    expect(texts(render(decisionRegions({ grid: { cols: 0, rows: 0, x: [0, 1], y: [0, 1], values: [] } })).root)).toContain('empty grid')
  })

  it('throws when the values do not fill the grid', () => {
    expect(() => toSvg({ panels: [decisionRegions({ grid: { cols: 3, rows: 2, x: [0, 1], y: [0, 1], values: [1, 2] } })] })).toThrow(
      'plot: grid of 2 rows × 3 cols needs 6 values, got 2',
    )
  })
})
