/**
 * SVG text primitives: number rounding, XML escaping, elements and the standalone document.
 * Every string returned here is well-formed XML; text content and attribute values are escaped here, once.
 */

/** v rounded to `digits` decimals as the shortest text, with no `-0` (so equal pictures give equal bytes). */
export const num = (v: number, digits = 2): string => {
  const p = 10 ** digits
  const r = Math.round(v * p) / p
  return String(r === 0 ? 0 : r)
}

// XML 1.0 forbids most control characters even when escaped, so they are dropped rather than encoded.
const invalidXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g
const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** s with `& < > " '` replaced by entities and XML-invalid control characters removed. */
export const escapeXml = (s: string): string => s.replace(invalidXml, '').replace(/[&<>"']/g, (c) => entities[c])

/** Attribute values; numbers are rounded with `num`, `undefined` leaves the attribute out. */
export type Attrs = Readonly<Record<string, string | number | undefined>>

const attrText = (attrs: Attrs): string =>
  Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v)}"`)
    .join('')

/** `<tag attrs/>`, or `<tag attrs>children</tag>`; children are SVG text already (use `text` for words). */
export const el = (tag: string, attrs: Attrs, children: readonly string[] = []): string =>
  children.length === 0
    ? `<${tag}${attrText(attrs)}/>`
    : `<${tag}${attrText(attrs)}>${children.length === 1 && !children[0].startsWith('<') ? children[0] : `\n${children.join('\n')}\n`}</${tag}>`

/** A `<text>` element whose content is escaped. */
export const text = (x: number, y: number, content: string, attrs: Attrs = {}): string =>
  el('text', { x, y, ...attrs }, [escapeXml(content)])

/** A `<text>` turned by `angle` degrees about its anchor (x, y), centred there; for vertical axis titles. */
export const rotatedText = (x: number, y: number, angle: number, content: string, attrs: Attrs = {}): string =>
  text(x, y, content, { 'text-anchor': 'middle', transform: `rotate(${angle} ${num(x)} ${num(y)})`, ...attrs })

/** A group, or nothing when it would be empty. */
export const group = (attrs: Attrs, children: readonly string[]): string[] =>
  children.length === 0 ? [] : [el('g', attrs, children)]

/** A standalone SVG 1.1 document of width × height px on a white background, with sans-serif text. */
export const svgDocument = (width: number, height: number, body: readonly string[], defs: readonly string[] = []): string => {
  const [w, h] = [num(width, 0), num(height, 0)]
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"` +
      ' font-family="sans-serif" font-size="12" fill="#222">',
    ...(defs.length > 0 ? [el('defs', {}, defs)] : []),
    el('rect', { x: 0, y: 0, width: Math.round(width), height: Math.round(height), fill: '#fff' }),
    ...body,
    '</svg>',
    '',
  ].join('\n')
}

/** Width in px of `s` in sans-serif at `size` px, from per-glyph classes; errs wide (DejaVu Sans) so boxes never clip text. */
export const textWidth = (s: string, size = 12): number => {
  let em = 0
  for (const c of s) {
    if (/[ .,:;'!|ijlfrtI()[\]\u2009]/.test(c)) em += 0.34
    else if (/[mwMW@%]/.test(c)) em += 0.92
    else if (/[A-Z]/.test(c)) em += 0.72
    else em += 0.62
  }
  return em * size
}
