/**
 * A minimal XML parser for checking generated SVG: elements, double- or single-quoted attributes, text and the
 * five predefined entities plus numeric references. It throws on anything malformed, naming the offset.
 */

/** A parsed element: its name, attributes (entities decoded), child elements and decoded text content. */
export interface XmlElement {
  readonly name: string
  readonly attrs: Readonly<Record<string, string>>
  readonly children: readonly XmlElement[]
  readonly text: string
}

const named: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** s with entity references decoded; throws on a bare `&` or an unknown entity. */
export const decodeEntities = (s: string, at = 0): string =>
  s.replace(/&([^;]*);?/g, (whole, body: string, i: number) => {
    if (!whole.endsWith(';')) throw new Error(`xml: bare '&' at ${at + i}`)
    if (body in named) return named[body]
    const m = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body)
    if (m) return String.fromCodePoint(m[1].startsWith('x') ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10))
    throw new Error(`xml: unknown entity &${body}; at ${at + i}`)
  })

const nameRe = /[A-Za-z_:][-A-Za-z0-9_:.]*/y

/** The document's root element; throws unless the text is one well-formed element, optionally after an XML declaration. */
export const parseXml = (src: string): XmlElement => {
  let i = 0
  const fail = (why: string): never => {
    throw new Error(`xml: ${why} at ${i}: ${JSON.stringify(src.slice(i, i + 40))}`)
  }
  const space = () => {
    while (i < src.length && /\s/.test(src[i])) i++
  }
  const name = (): string => {
    nameRe.lastIndex = i
    const m = nameRe.exec(src)
    if (!m) return fail('expected a name')
    i += m[0].length
    return m[0]
  }
  const element = (): XmlElement => {
    if (src[i] !== '<') fail("expected '<'")
    i++
    const tag = name()
    const attrs: Record<string, string> = {}
    for (;;) {
      const before = i
      space()
      if (src.startsWith('/>', i)) {
        i += 2
        return { name: tag, attrs, children: [], text: '' }
      }
      if (src[i] === '>') break
      if (i === before) fail('expected space before attribute')
      const key = name()
      if (key in attrs) fail(`duplicate attribute ${key}`)
      if (src[i] !== '=') fail("expected '='")
      const quote = src[++i]
      if (quote !== '"' && quote !== "'") fail('expected a quoted value')
      const end = src.indexOf(quote, i + 1)
      if (end < 0) fail('unterminated attribute')
      const raw = src.slice(i + 1, end)
      if (raw.includes('<')) fail(`'<' in attribute ${key}`)
      attrs[key] = decodeEntities(raw, i + 1)
      i = end + 1
    }
    i++
    const children: XmlElement[] = []
    let text = ''
    for (;;) {
      const lt = src.indexOf('<', i)
      if (lt < 0) fail(`unclosed <${tag}>`)
      text += decodeEntities(src.slice(i, lt), i)
      if (src.slice(i, lt).includes('>')) fail("raw '>' in text") // legal XML, but our writer always escapes it
      i = lt
      if (src.startsWith('</', i)) {
        i += 2
        const closing = name()
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`)
        space()
        if (src[i] !== '>') fail("expected '>'")
        i++
        return { name: tag, attrs, children, text }
      }
      children.push(element())
    }
  }
  if (src.startsWith('<?xml')) {
    const end = src.indexOf('?>')
    if (end < 0) fail('unterminated declaration')
    i = end + 2
  }
  space()
  const root = element()
  space()
  if (i !== src.length) fail('content after the root element')
  return root
}

/** Every element in the tree, depth first, root included. */
export const allElements = (e: XmlElement): XmlElement[] => [e, ...e.children.flatMap(allElements)]

/** The elements named `name`. */
export const elementsNamed = (root: XmlElement, name: string): XmlElement[] => allElements(root).filter((e) => e.name === name)

/** The decoded text of every <text> element, in document order. */
export const texts = (root: XmlElement): string[] => elementsNamed(root, 'text').map((e) => e.text)
