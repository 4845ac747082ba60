import { describe, expect, it } from 'vitest'
import { functionGrid, linspace } from '../../../src/cli/plot/charts/functions.js'
import { elementsNamed, texts } from '../../support/xml.js'
import { pointCount, render } from './render.js'

const relu = (x: number) => Math.max(0, x)

describe('functionGrid', () => {
  it('samples the interval including both ends and zero', () => {
    expect(linspace([-3, 3], 201)).toContain(0)
    expect(linspace([-3, 3], 7)).toEqual([-3, -2, -1, 0, 1, 2, 3])
  })

  it('draws one small panel per entry, three to a row, each with its curves and the axes through zero', () => {
    const panels = ['a', 'b', 'c', 'd'].map((title) => ({
      title,
      curves: [{ name: 'relu', f: relu }, { name: "relu'", f: (x: number) => (x > 0 ? 1 : 0), dash: true }],
    }))

    const { root } = render(functionGrid({ title: 'Hidden units', interval: [-3, 3], panels, samples: 61 }))

    expect(root.attrs).toMatchObject({ width: '900', height: String(30 + 2 * 230) })
    expect(elementsNamed(root, 'g').filter((g) => g.attrs.class === 'panel')).toHaveLength(4)
    const curves = elementsNamed(root, 'path').filter((p) => p.attrs['stroke-width'] === '2')
    expect(curves.map((p) => pointCount(p.attrs.d))).toEqual(Array(8).fill(61))
    expect(curves.filter((p) => p.attrs['stroke-dasharray'] !== undefined)).toHaveLength(4)
    expect(elementsNamed(root, 'line').filter((l) => l.attrs.stroke === '#777')).toHaveLength(8)
    expect(texts(root)).toEqual(expect.arrayContaining(['Hidden units', 'a', 'd', "relu'"]))
  })

  it('skips the points where a function is undefined', () => {
    const { root } = render(functionGrid({ interval: [-1, 1], samples: 5, panels: [{ title: 'log', curves: [{ name: 'log', f: Math.log }] }] }))

    const [curve] = elementsNamed(root, 'path').filter((p) => p.attrs['stroke-width'] === '2')
    expect(pointCount(curve.attrs.d)).toBe(2) // log 0.5 and log 1; log 0 = −∞ and log(<0) = NaN are dropped
  })
})
