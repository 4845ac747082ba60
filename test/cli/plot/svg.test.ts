import { describe, expect, it } from 'vitest'
import { bands, linearScale, logScale } from '../../../src/cli/plot/scale.js'
import { el, escapeXml, num, svgDocument, text } from '../../../src/cli/plot/svg.js'
import { parseXml, texts } from '../../support/xml.js'

describe('svg primitives', () => {
  it('rounds numbers to two decimals as the shortest text, never "-0"', () => {
    expect([1.005, 2.5, -0.001, 1 / 3, 120, 1e-9].map((v) => num(v))).toEqual(['1', '2.5', '0', '0.33', '120', '0'])
  })

  it('escapes markup characters and drops characters XML cannot hold', () => {
    expect(escapeXml(`a<b & "c" 'd'>\u0007`)).toBe('a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;')
  })

  it('escapes text content and attribute values, and leaves out undefined attributes', () => {
    const svg = el('g', { class: 'x"y', hidden: undefined }, [text(1, 2, '<&>')])

    expect(svg).toBe('<g class="x&quot;y">\n<text x="1" y="2">&lt;&amp;&gt;</text>\n</g>')
    expect(texts(parseXml(svg))).toEqual(['<&>'])
  })

  it('writes a standalone document on a white background', () => {
    const root = parseXml(svgDocument(300.4, 200, []))

    expect(root.attrs).toMatchObject({ width: '300', height: '200', viewBox: '0 0 300 200', xmlns: 'http://www.w3.org/2000/svg' })
    expect(root.children[0].attrs).toMatchObject({ fill: '#fff', width: '300', height: '200' })
  })
})

describe('scales', () => {
  it('maps linearly, flipping for a y-axis, and a zero-width domain to the middle', () => {
    expect([0, 0.5, 1].map(linearScale([0, 1], [300, 100]))).toEqual([300, 200, 100])
    expect(linearScale([2, 2], [0, 10])(2)).toBe(5)
  })

  it('maps decades evenly on a log scale and values ≤ 0 to NaN', () => {
    const s = logScale([0.01, 1], [0, 200])
    expect([0.01, 0.1, 1].map((v) => Math.round(s(v)))).toEqual([0, 100, 200])
    expect(s(0)).toBeNaN()
  })

  it('spreads bands evenly with padding between them', () => {
    const b = bands(4, [0, 400], 0.25)
    expect([b.start(0), b.center(0), b.width, b.start(3)]).toEqual([12.5, 50, 75, 312.5])
  })
})
