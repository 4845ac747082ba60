/** Shared checks for the lecture's examples: the picture is a well-formed SVG document that draws something. */
import { expect } from 'vitest'
import type { Shown } from '../../../src/cli/lecture/example.js'
import { allElements, parseXml, texts } from '../../support/xml.js'

/** Parses the SVG (throwing if malformed) and checks it is an <svg> root with drawn content; returns its texts. */
export const expectPicture = ({ svg }: Shown): string[] => {
  const root = parseXml(svg)
  expect(root.name).toBe('svg')
  expect(allElements(root).filter((e) => ['path', 'line', 'rect', 'circle'].includes(e.name)).length).toBeGreaterThan(5)
  return texts(root)
}

/** The example's JSON survives a round trip through JSON text (no functions, no cycles, no non-finite numbers). */
export const expectPlainJson = ({ json }: Shown): void => {
  const text = JSON.stringify(json)
  expect(text).not.toContain('null')
  expect(JSON.parse(text)).toEqual(json)
}
