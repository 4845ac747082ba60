/** Default colours: series without an explicit colour take the palette in order of appearance within their panel. */
import { colorOf } from './palette.js'
import type { Mark } from './scene.js'

/** The marks with every missing series colour filled in from the categorical palette. */
export const autocolor = (marks: readonly Mark[]): Mark[] => {
  let next = 0
  const take = (c: string | undefined): string => c ?? colorOf(next++)
  return marks.map((m): Mark => {
    switch (m.kind) {
      case 'line':
      case 'points':
        return { ...m, color: take(m.color) }
      case 'bars':
        return { ...m, series: m.series.map((s) => ({ ...s, color: take(s.color) })) }
      default:
        return m
    }
  })
}
