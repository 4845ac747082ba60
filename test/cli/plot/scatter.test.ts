import { describe, expect, it } from 'vitest'
import { classMarks, scatterPlot } from '../../../src/cli/plot/charts/scatter.js'
import { colorOf } from '../../../src/cli/plot/palette.js'
import { elementsNamed, texts } from '../../support/xml.js'
import { render } from './render.js'

const xor = [
  { x: 0, y: 0, cls: 0, label: '(0,0)' },
  { x: 0, y: 1, cls: 1, label: '(0,1)' },
  { x: 1, y: 0, cls: 1, label: '(1,0)' },
  { x: 1, y: 1, cls: 0, label: '(1,1)' },
]

describe('scatterPlot', () => {
  it('gives each class its own colour and marker, named in the legend', () => {
    const { root } = render(scatterPlot({ points: xor, classNames: ['y = 0', 'y = 1'] }))

    const circles = elementsNamed(root, 'circle')
    const squares = elementsNamed(root, 'rect').filter((r) => r.attrs.fill === colorOf(1))
    expect(circles.filter((c) => c.attrs.fill === colorOf(0))).toHaveLength(2 + 1) // two points and the legend sample
    expect(squares).toHaveLength(2 + 1)
    expect(texts(root)).toEqual(expect.arrayContaining(['y = 0', 'y = 1', '(0,0)', '(1,1)']))
  })

  it('stacks the labels of points that land on the same spot instead of overprinting them', () => {
    const hidden = [
      { x: 1, y: 0, cls: 1, label: '(0,1)' },
      { x: 1, y: 0, cls: 1, label: '(1,0)' },
      { x: 0, y: 0, cls: 0, label: '(0,0)' },
    ]

    const { root } = render(scatterPlot({ points: hidden }))

    const labels = elementsNamed(root, 'text').filter((t) => t.text.startsWith('(') && t.attrs.stroke === undefined)
    const at = (s: string) => labels.find((t) => t.text === s)?.attrs
    expect(at('(0,1)')?.x).toBe(at('(1,0)')?.x)
    expect(Number(at('(1,0)')?.y) - Number(at('(0,1)')?.y)).toBe(13)
  })

  it('draws an arrow for each pair that moves, and none for points that stay', () => {
    const from = xor.map((p) => [p.x, p.y] as const)
    const to = [[0, 0], [1, 0], [1, 0], [2, 1]] as const

    const { root } = render(scatterPlot({ points: xor, arrows: { from, to } }))

    const [shafts, heads] = elementsNamed(root, 'g').find((g) => g.attrs.class === 'arrows')?.children ?? []
    expect(shafts.attrs.d.match(/M/g)).toHaveLength(2)
    expect(heads.attrs.d.match(/Z/g)).toHaveLength(2)
  })

  it('uses equal units on both axes when asked', () => {
    const { root } = render(scatterPlot({ points: [{ x: 0, y: 0 }, { x: 2, y: 1 }], equalAspect: true }))

    const clip = elementsNamed(root, 'clipPath')[0].children[0].attrs
    const [w, h] = [Number(clip.width) - 6, Number(clip.height) - 6]
    expect(w / h).toBeCloseTo((2 + 0.32) / (1 + 0.16), 1)
  })

  it('escapes labels and class names', () => {
    const { svg, root } = render(scatterPlot({ points: [{ x: 0, y: 0, label: 'a<b & "c"' }], classNames: ['<y>'] }))

    expect(svg).toContain('a&lt;b &amp; &quot;c&quot;')
    expect(texts(root)).toEqual(expect.arrayContaining(['a<b & "c"', '<y>']))
  })

  it('says so when there are no points', () => {
    expect(texts(render(scatterPlot({ points: [] })).root)).toContain('no points to plot')
  })

  it('names classes "class k" only when there are several', () => {
    expect(classMarks([{ x: 0, y: 0 }]).map((m) => m.name)).toEqual([undefined])
    expect(classMarks([{ x: 0, y: 0, cls: 2 }, { x: 1, y: 1 }]).map((m) => m.name)).toEqual(['class 0', 'class 2'])
  })
})
