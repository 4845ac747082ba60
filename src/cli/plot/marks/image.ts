/**
 * Grids of values or labels as filled cells. Equal neighbours are merged into rectangles (along rows, then across
 * rows) and all rectangles of one colour share one <path>, so a 100×100 decision map stays a few kilobytes.
 */
import type { Frame } from '../frame.js'
import { colormaps, colorOf, regionColor, tint } from '../palette.js'
import type { ImageMark } from '../scene.js'
import { el, num } from '../svg.js'
import type { Interval } from '../ticks.js'
import { ink } from '../theme.js'

/** Throws unless the grid holds rows × cols values. */
export const checkGrid = (m: ImageMark): void => {
  const { cols, rows, values } = m.grid
  if (!(Number.isInteger(cols) && Number.isInteger(rows) && cols >= 0 && rows >= 0) || values.length !== cols * rows) {
    throw new RangeError(`plot: grid of ${rows} rows × ${cols} cols needs ${rows * cols} values, got ${values.length}`)
  }
}

/** The value range the colormap spans: the fill's domain, else the finite values' min and max. */
export const valueDomain = (m: ImageMark): Interval => {
  if (m.fill.kind === 'values' && m.fill.domain !== undefined) return m.fill.domain
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < m.grid.values.length; i++) {
    const v = m.grid.values[i]
    if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)]
  }
  if (lo > hi) return [0, 1]
  return lo === hi ? [lo - 0.5, lo + 0.5] : [lo, hi]
}

/** Number of distinct colours a `values` fill uses (its colour bar shows the same steps). */
export const levelsOf = (m: ImageMark): number => (m.fill.kind === 'values' ? Math.max(2, m.fill.levels ?? 32) : 0)

/** The fill colour of each cell, or undefined for cells with no value. */
export const cellColors = (m: ImageMark): (string | undefined)[] => {
  const { values } = m.grid
  const fill = m.fill
  if (fill.kind !== 'values') {
    const color = fill.kind === 'classes' ? (k: number) => tint(colorOf(k)) : regionColor
    return Array.from(values, (v) => (Number.isFinite(v) ? color(Math.round(v)) : undefined))
  }
  const [lo, hi] = valueDomain(m)
  const n = levelsOf(m)
  const map = colormaps[fill.colormap ?? 'viridis']
  const palette = Array.from({ length: n }, (_, q) => map((q + 0.5) / n))
  return Array.from(values, (v) => {
    if (!Number.isFinite(v)) return undefined
    const q = Math.floor(((v - lo) / (hi - lo)) * n)
    return palette[Math.min(n - 1, Math.max(0, q))]
  })
}

interface Block {
  readonly c0: number
  readonly c1: number
  readonly r0: number
  r1: number
  readonly color: string
}

/** Maximal horizontal runs of equal colour, grown upwards while the row above has the identical run. */
const blocks = (colors: readonly (string | undefined)[], cols: number, rows: number): Block[] => {
  const done: Block[] = []
  let open = new Map<string, Block>()
  for (let r = 0; r < rows; r++) {
    const next = new Map<string, Block>()
    for (let c0 = 0; c0 < cols; ) {
      const color = colors[r * cols + c0]
      let c1 = c0 + 1
      while (c1 < cols && colors[r * cols + c1] === color) c1++
      if (color !== undefined) {
        const key = `${c0},${c1},${color}`
        const b = open.get(key) ?? { c0, c1, r0: r, r1: r + 1, color }
        b.r1 = r + 1
        next.set(key, b)
        open.delete(key)
      }
      c0 = c1
    }
    done.push(...open.values())
    open = next
  }
  return [...done, ...open.values()].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)
}

/** Cells as one path per colour, plus the outline where neighbouring labels differ when asked. */
export const drawImage = (m: ImageMark, f: Frame): string[] => {
  checkGrid(m)
  const { cols, rows, x, y } = m.grid
  // A tenth of a pixel is finer than any screen shows and keeps a 100×100 map a third smaller than two decimals.
  const px = (c: number) => num(f.x(x[0] + ((x[1] - x[0]) * c) / cols), 1)
  const py = (r: number) => num(f.y(y[0] + ((y[1] - y[0]) * r) / rows), 1)
  const colors = cellColors(m)
  const byColor = new Map<string, string[]>()
  for (const b of blocks(colors, cols, rows)) {
    const d = `M${px(b.c0)},${py(b.r0)}H${px(b.c1)}V${py(b.r1)}H${px(b.c0)}Z`
    byColor.set(b.color, [...(byColor.get(b.color) ?? []), d])
  }
  // crispEdges: anti-aliased edges of abutting rectangles would show hairline seams between cells.
  const cells = [...byColor].map(([color, ds]) => el('path', { fill: color, d: ds.join('') }))
  const out = [el('g', { class: 'image', 'shape-rendering': 'crispEdges' }, cells)]
  if (m.outline === true) {
    const d = outline(m.grid.values, cols, rows, px, py)
    if (d !== '') out.push(el('path', { class: 'outline', d, fill: 'none', stroke: ink.axis, 'stroke-width': 0.9, 'stroke-linejoin': 'round' }))
  }
  return out
}

/** Maximal runs [a, b) of k in [0, n) where `hit(k)` holds. */
const runs = (n: number, hit: (k: number) => boolean): [number, number][] => {
  const out: [number, number][] = []
  for (let k = 0; k < n; k++) {
    if (!hit(k)) continue
    const a = k
    while (k < n && hit(k)) k++
    out.push([a, k])
  }
  return out
}

/** Segments between cells whose (finite) labels differ, merged into straight runs. */
const outline = (v: ArrayLike<number>, cols: number, rows: number, px: (c: number) => string, py: (r: number) => string): string => {
  const differ = (a: number, b: number) => Number.isFinite(v[a]) && Number.isFinite(v[b]) && v[a] !== v[b]
  const parts: string[] = []
  for (let c = 1; c < cols; c++) {
    for (const [r0, r1] of runs(rows, (r) => differ(r * cols + c - 1, r * cols + c))) parts.push(`M${px(c)},${py(r0)}V${py(r1)}`)
  }
  for (let r = 1; r < rows; r++) {
    for (const [c0, c1] of runs(cols, (c) => differ((r - 1) * cols + c, r * cols + c))) parts.push(`M${px(c0)},${py(r)}H${px(c1)}`)
  }
  return parts.join('')
}
