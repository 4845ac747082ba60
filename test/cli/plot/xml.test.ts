import { describe, expect, it } from 'vitest'
import { parseXml, texts } from '../../support/xml.js'

// The checker the other tests rely on must itself reject what a broken writer would produce.
describe('parseXml (test support)', () => {
  it('reads nested elements, attributes and decoded text', () => {
    const root = parseXml('<?xml version="1.0"?>\n<svg a="1 &amp; 2"><g><text x="0">a &lt;b&gt;</text></g><rect/></svg>')

    expect(root.attrs.a).toBe('1 & 2')
    expect(root.children.map((c) => c.name)).toEqual(['g', 'rect'])
    expect(texts(root)).toEqual(['a <b>'])
  })

  it.each([
    ['an unclosed element', '<svg><g></svg>'],
    ['a bare ampersand', '<svg><text>a & b</text></svg>'],
    ['a raw < in an attribute', '<svg a="<"/>'],
    ['a duplicate attribute', '<svg a="1" a="2"/>'],
    ['an unquoted attribute', '<svg a=1/>'],
    ['two roots', '<svg/><svg/>'],
    ['an unknown entity', '<svg><text>&nbsp;</text></svg>'],
  ])('rejects %s', (_, src) => {
    expect(() => parseXml(src)).toThrow(/xml:/)
  })
})
