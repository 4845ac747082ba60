import { describe, expect, it } from 'vitest'
import { barChart } from '../../../src/cli/plot/charts/bars.js'
import { toSvg } from '../../../src/cli/plot/figure.js'
import { elementsNamed, texts } from '../../support/xml.js'
import { render } from './render.js'

const barsOf = (root: ReturnType<typeof render>['root']) => elementsNamed(root, 'g').find((g) => g.attrs.class === 'bars')?.children ?? []

describe('barChart', () => {
  it('draws one bar per category and series, labelled by category, from zero', () => {
    const { root } = render(
      barChart({
        categories: ['relu', 'tanh', 'sigmoid'],
        series: [{ name: 'SGD', values: [0.08, 0.12, 0.21] }, { name: 'Adam', values: [0.06, 0.09, 0.14] }],
        showValues: true,
      }),
    )

    const bars = barsOf(root)
    expect(bars).toHaveLength(6)
    const bottoms = bars.map((b) => Number(b.attrs.y) + Number(b.attrs.height))
    expect(new Set(bottoms.map((v) => v.toFixed(1))).size).toBe(1)
    expect(texts(root)).toEqual(expect.arrayContaining(['relu', 'tanh', 'sigmoid', 'SGD', 'Adam', '0.21', '0.06']))
  })

  it('grows negative bars down from zero and shows no legend for a single series', () => {
    const { root } = render(barChart({ categories: ['a', 'b'], series: [{ name: 'delta', values: [1, -1] }] }))

    const [up, down] = barsOf(root)
    expect(Number(up.attrs.y) + Number(up.attrs.height)).toBeCloseTo(Number(down.attrs.y), 1)
    expect(texts(root)).not.toContain('delta')
  })

  it('slants long category names instead of letting them overlap', () => {
    const categories = Array.from({ length: 8 }, (_, i) => `a rather long category ${i}`)

    const { root } = render(barChart({ categories, series: [{ name: 'v', values: categories.map((_, i) => i) }] }))

    const label = elementsNamed(root, 'text').find((t) => t.text === categories[0])
    expect(label?.attrs.transform).toMatch(/^rotate\(-35 /)
  })

  it('says so without categories, and throws when a series has the wrong number of values', () => {
    expect(texts(render(barChart({ categories: [], series: [] })).root)).toContain('no bars to plot')
    expect(() => toSvg({ panels: [barChart({ categories: ['a', 'b'], series: [{ name: 's', values: [1] }] })] })).toThrow(
      'plot: bar series "s" has 1 values for 2 categories',
    )
  })
})
