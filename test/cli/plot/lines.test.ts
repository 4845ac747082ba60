import { describe, expect, it } from 'vitest'
import { lineChart, trainingCurves } from '../../../src/cli/plot/charts/lines.js'
import { toSvg } from '../../../src/cli/plot/figure.js'
import { elementsNamed, texts } from '../../support/xml.js'
import { pointCount, render } from './render.js'

const dataPaths = (root: ReturnType<typeof render>['root']) => elementsNamed(root, 'path').filter((p) => p.attrs['stroke-width'] === '2')

describe('lineChart', () => {
  it('draws one path per series and names each in the legend', () => {
    const { root } = render(lineChart({ title: 'loss', series: [{ name: 'train', y: [3, 2, 1] }, { name: 'test', x: [0, 2], y: [3, 1.5] }] }))

    expect(dataPaths(root).map((p) => pointCount(p.attrs.d))).toEqual([3, 2])
    expect(texts(root)).toEqual(expect.arrayContaining(['loss', 'train', 'test']))
  })

  it('drops NaN and infinite points and joins their neighbours in one path', () => {
    const { root } = render(lineChart({ series: [{ name: 'loss', y: [1, Number.NaN, 0.5, Number.POSITIVE_INFINITY, 0.2] }] }))

    const [path] = dataPaths(root)
    expect(pointCount(path.attrs.d)).toBe(3)
    expect(path.attrs.d.startsWith('M')).toBe(true)
  })

  it('says so instead of crashing when there is nothing to plot', () => {
    expect(texts(render(lineChart({ series: [] })).root)).toContain('no series to plot')
    expect(texts(render(lineChart({ series: [{ name: 'a', y: [] }, { name: 'b', y: [Number.NaN] }] })).root)).toEqual(
      expect.arrayContaining(['every series is empty', 'a (no data)', 'b (no data)']),
    )
  })

  it('keeps the other series when one is empty, and marks the empty one in the legend', () => {
    const { root } = render(lineChart({ series: [{ name: 'diverged', y: [Number.NaN] }, { name: 'ok', y: [1, 2] }] }))

    expect(dataPaths(root)).toHaveLength(1)
    expect(texts(root)).toContain('diverged (no data)')
  })

  it('gives a constant series an axis around its value', () => {
    const { root } = render(lineChart({ series: [{ name: 'flat', y: [0.25, 0.25, 0.25] }] }))

    expect(texts(root)).toEqual(expect.arrayContaining(['0.22', '0.25', '0.28']))
    const ys = dataPaths(root)[0].attrs.d.match(/,([\d.]+)/g)
    expect(new Set(ys).size).toBe(1)
  })

  it('draws a single point as a dot', () => {
    const { root } = render(lineChart({ series: [{ name: 'one', y: [4] }] }))

    expect(elementsNamed(root, 'circle')).toHaveLength(1)
  })

  it('throws, naming the series, when x and y differ in length', () => {
    expect(() => toSvg({ panels: [lineChart({ series: [{ name: 'loss', x: [1, 2, 3], y: [1, 2] }] })] })).toThrow(
      'plot: line "loss" has 3 x values but 2 y values',
    )
  })

  it('skips values a log axis cannot show', () => {
    const { root } = render(lineChart({ series: [{ name: 'loss', y: [1, 0.1, 0, -1, 0.01] }], y: { scale: 'log' } }))

    expect(pointCount(dataPaths(root)[0].attrs.d)).toBe(3)
    expect(texts(root)).toEqual(expect.arrayContaining(['0.01', '0.1', '1']))
  })

  it('draws series marked onY2 against a second axis with its own ticks and label', () => {
    const { root } = render(
      lineChart({ series: [{ name: 'loss', y: [2, 1] }, { name: 'lr', y: [0.001, 0.0005], onY2: true }], y2: { label: 'learning rate' } }),
    )

    expect(texts(root)).toEqual(expect.arrayContaining(['learning rate', '0.001', '0.0005']))
  })

  it('draws onY2 series against y when the panel has no second axis, with y wide enough for them', () => {
    const { root } = render(lineChart({ series: [{ name: 'a', y: [1, 2] }, { name: 'b', y: [10, 20], onY2: true }] }))

    expect(texts(root)).toContain('20')
  })

  it('keeps a 100 000-point series to a few points per pixel column', () => {
    const y = Array.from({ length: 100_000 }, (_, i) => Math.exp(-i / 20_000) + ((i * 7919) % 13) / 100)
    const { svg, root } = render(lineChart({ series: [{ name: 'loss', y }] }))

    expect(pointCount(dataPaths(root)[0].attrs.d)).toBeLessThanOrEqual(4 * 440)
    expect(svg.length).toBeLessThan(40_000)
  })
})

describe('trainingCurves', () => {
  it('puts loss and accuracy side by side, accuracy on [0, 1]', () => {
    const figure = trainingCurves({ loss: [{ name: 'train', y: [0.7, 0.3] }], accuracy: [{ name: 'train', y: [0.5, 1] }] })

    const { root } = render(figure)

    expect(figure.panels.map((p) => p.title)).toEqual(['Loss', 'Accuracy'])
    expect(figure.panels[1].y?.domain).toEqual([0, 1])
    expect(elementsNamed(root, 'g').filter((g) => g.attrs.class === 'panel')).toHaveLength(2)
    expect(root.attrs.width).toBe('880')
  })

  it('draws only the loss panel without accuracy series', () => {
    expect(trainingCurves({ loss: [{ name: 'train', y: [1] }], accuracy: [] }).panels).toHaveLength(1)
  })
})
