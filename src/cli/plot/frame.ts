/**
 * A panel's frame: the plot area inside its margins, the scales from data to pixels, and the ticks. Margins are
 * measured from the tick labels they must hold, so long labels never run into the axis title or the next panel.
 */
import { colorBarMark, colorBarWidth } from './colorBar.js'
import { extents, span } from './extent.js'
import { bands, linearScale, logScale } from './scale.js'
import type { Bands, ToPixel } from './scale.js'
import type { Axis, BarsMark, Panel } from './scene.js'
import { textWidth } from './svg.js'
import { font, tick } from './theme.js'
import { linearLabels, linearTicks, logLabels, logTicks, niceDomain, niceLogDomain } from './ticks.js'
import type { Interval } from './ticks.js'

/** A tick at pixel position `at` with its label. */
export interface Tick {
  readonly at: number
  readonly label: string
}

/** The plot area (panel coordinates, px), the scales into it, and the ticks of each axis. */
export interface Frame {
  readonly left: number
  readonly top: number
  readonly width: number
  readonly height: number
  readonly x: ToPixel
  readonly y: ToPixel
  readonly y2: ToPixel | undefined
  readonly xTicks: readonly Tick[]
  readonly yTicks: readonly Tick[]
  readonly y2Ticks: readonly Tick[]
  /** Category bands when the panel draws bars; x is then categorical. */
  readonly bands: Bands | undefined
  readonly categories: readonly string[]
  /** Whether category labels are slanted because they would not fit side by side. */
  readonly slant: boolean
  /** Left edge of the space right of the plot area and its y2 labels (where a colour bar goes). */
  readonly sideX: number
}

interface Resolved {
  readonly domain: Interval
  readonly values: number[]
  readonly labels: string[]
}

const isLog = (a: Axis | undefined): boolean => a?.scale === 'log'

/** Domain and ticks of one axis: the fixed domain, else the data widened to round numbers (padded for points, tight for images). */
const resolveAxis = (axis: Axis | undefined, data: readonly number[], target: number, tight: boolean, pad: boolean): Resolved => {
  const log = isLog(axis)
  const fallback: Interval = log ? [1, 10] : [0, 1]
  let domain = axis?.domain ?? span(data) ?? fallback
  if (axis?.domain === undefined) {
    const [lo, hi] = domain
    if (pad && hi > lo) {
      // Markers on the extremes would sit on the frame: a margin of 8% instead of widening to round numbers,
      // which could add a whole empty tick interval on each side.
      const d = log ? (hi / lo) ** 0.08 : (hi - lo) * 0.08
      domain = log ? [lo / d, hi * d] : [lo - d, hi + d]
    } else if (!tight || !(hi > lo)) {
      domain = log ? niceLogDomain(domain) : niceDomain(domain, target)
    }
  }
  const [lo, hi] = domain
  const values = (axis?.ticks ?? (log ? logTicks(domain, target) : linearTicks(domain, target))).filter(
    (v) => v >= lo - 1e-9 * Math.abs(hi - lo) && v <= hi + 1e-9 * Math.abs(hi - lo),
  )
  return { domain, values, labels: log ? logLabels(values) : linearLabels(values) }
}

const scaleOf = (axis: Axis | undefined, domain: Interval, range: Interval): ToPixel =>
  isLog(axis) ? logScale(domain, range) : linearScale(domain, range)

const widest = (labels: readonly string[]): number => Math.max(0, ...labels.map((l) => textWidth(l, font.tick)))

/** The frame of `panel` drawn in a `width` × `height` cell, leaving `legendWidth` px on the right for an outside legend. */
export const frame = (panel: Panel, width: number, height: number, legendWidth = 0): Frame => {
  const { marks } = panel
  const bars = marks.find((m): m is BarsMark => m.kind === 'bars')
  const categories = bars?.categories ?? []
  const raw = extents(marks, { x: isLog(panel.x), y: isLog(panel.y), y2: isLog(panel.y2) })
  // Without a second axis, lines marked onY2 are drawn against y, so y must make room for them.
  const ext = panel.y2 === undefined ? { ...raw, y: [...raw.y, ...raw.y2] } : raw
  const tight = marks.some((m) => m.kind === 'image' || m.kind === 'polygons')
  // Points over an image lie inside it, so the image's extent alone sets the domain.
  const pad = !tight && marks.some((m) => m.kind === 'points' || m.kind === 'arrows' || m.kind === 'text')
  const tickBand = tick.length + tick.gap + font.tick
  const top = 10 + (panel.title !== undefined ? 22 : 0)

  const layout = (slantDepth: number, maxTarget = Infinity) => {
    const bottom = 8 + tickBand + slantDepth + (panel.x?.label !== undefined ? 20 : 0)
    const h = Math.max(10, height - top - bottom)
    const yTarget = Math.min(maxTarget, Math.max(2, Math.round(h / 55)))
    const y = resolveAxis(panel.y, ext.y, yTarget, tight, pad)
    const y2 = panel.y2 === undefined ? undefined : resolveAxis(panel.y2, ext.y2, yTarget, false, false)
    const sideWidth = (r: Resolved, axis: Axis | undefined) => tick.length + tick.gap + widest(r.labels) + (axis?.label !== undefined ? 22 : 0)
    const left = 10 + sideWidth(y, panel.y)
    const bar = colorBarMark(marks)
    const y2Width = y2 ? sideWidth(y2, panel.y2) : 0
    const right = 14 + y2Width + (bar ? colorBarWidth(bar, h) : 0) + legendWidth
    const w = Math.max(10, width - left - right)
    let xTarget = Math.min(maxTarget, Math.max(2, Math.round(w / 85)))
    let x = resolveAxis(panel.x, ext.x, xTarget, tight, pad)
    // Fewer ticks until neighbouring labels leave a gap: long labels (1e-5, 12000) need more room than w / 85.
    while (xTarget > 2 && x.values.length > 1 && widest(x.labels) + 12 > w / (x.values.length - 1)) {
      x = resolveAxis(panel.x, ext.x, --xTarget, tight, pad)
    }
    return { top, left, w, h, x, y, y2, y2Width, target: Math.min(xTarget, yTarget) }
  }

  let l = layout(0)
  const band = bands(categories.length, [l.left, l.left + l.w])
  const slant = categories.length > 0 && Math.max(...categories.map((c) => textWidth(c, font.tick))) > band.width + band.width * 0.25
  const slantDepth = slant ? Math.min(90, Math.max(...categories.map((c) => textWidth(c, font.tick)))) * 0.55 : 0
  // Equal units deserve equal steps: both axes get the coarser tick target, so a square grid stays square.
  if (slant || panel.equalAspect === true) l = layout(slantDepth, panel.equalAspect === true ? l.target : Infinity)

  let { left, w, h } = l
  const t = l.top
  if (panel.equalAspect === true) {
    // Same px per unit on both axes: shrink the longer side, centring horizontally but keeping the top, so the
    // plot areas of a row of panels stay level.
    const [x0, x1] = l.x.domain
    const [y0, y1] = l.y.domain
    const k = Math.min(w / (x1 - x0), h / (y1 - y0))
    if (Number.isFinite(k) && k > 0) {
      left += (w - k * (x1 - x0)) / 2
      ;[w, h] = [k * (x1 - x0), k * (y1 - y0)]
    }
  }
  const x = scaleOf(panel.x, l.x.domain, [left, left + w])
  const y = scaleOf(panel.y, l.y.domain, [t + h, t])
  const y2 = l.y2 === undefined ? undefined : scaleOf(panel.y2, l.y2.domain, [t + h, t])
  const ticks = (r: Resolved | undefined, s: ToPixel | undefined): Tick[] =>
    r && s ? r.values.map((v, i) => ({ at: s(v), label: r.labels[i] })) : []
  const catBands = categories.length > 0 ? bands(categories.length, [left, left + w]) : undefined
  return {
    left,
    top: t,
    width: w,
    height: h,
    x,
    y,
    y2,
    xTicks: catBands ? categories.map((c, i) => ({ at: catBands.center(i), label: c })) : ticks(l.x, x),
    yTicks: ticks(l.y, y),
    y2Ticks: ticks(l.y2, y2),
    bands: catBands,
    categories,
    slant,
    sideX: left + w + l.y2Width,
  }
}
