/**
 * Progress of long work on stderr: on a terminal one line redrawn at most ten times a second
 * (events/s, loss, ETA when the size is known); otherwise a plain line every few seconds; nothing
 * when quiet.
 */
import type { Output } from '../io.js'

/** What a progress line shows. */
export interface ProgressState {
  readonly epoch: number
  readonly epochs: number
  readonly events: number
  readonly step: number
  /** A smoothed recent training loss. */
  readonly loss: number
  /** Fraction of the whole run done, when known (file sizes). */
  readonly done?: number
}

/** A progress reporter. */
export interface Progress {
  /** Whether an update now would show anything: callers skip building the state when not. */
  readonly due: () => boolean
  readonly update: (s: ProgressState) => void
  /** Clears the redrawn line (a terminal) before the final report. */
  readonly finish: () => void
}

const clock = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** The one-line text for a state after `elapsed` ms. */
export const progressLine = (s: ProgressState, elapsed: number): string => {
  const rate = elapsed > 0 ? (s.events * 1000) / elapsed : 0
  const parts = [
    s.epochs > 1 ? `epoch ${s.epoch + 1}/${s.epochs}` : null,
    `${s.events.toLocaleString('en-US')} events`,
    `${Math.round(rate).toLocaleString('en-US')} events/s`,
    `step ${s.step}`,
    Number.isFinite(s.loss) ? `loss ${s.loss.toPrecision(4)}` : null,
    s.done !== undefined && s.done > 0.001 ? `${(100 * s.done).toFixed(1)}%` : null,
    s.done !== undefined && s.done > 0.001 && s.done < 1 ? `ETA ${clock(((elapsed / s.done) * (1 - s.done)) / 1000)}` : null,
  ]
  return parts.filter((p) => p !== null).join('  ')
}

/** A reporter writing to `out` with the clock `now` (ms). */
export const progress = (out: Output, now: () => number, { quiet = false, everyMs = 5000 }: { quiet?: boolean; everyMs?: number } = {}): Progress => {
  const started = now()
  let last = started
  let drawn = false
  if (quiet) return { due: () => false, update: () => {}, finish: () => {} }
  return {
    due: () => now() - last >= (out.isTTY ? 100 : everyMs),
    update: (s) => {
      const t = now()
      if (t - last < (out.isTTY ? 100 : everyMs)) return
      last = t
      const text = progressLine(s, t - started)
      if (out.isTTY) {
        out.write(`\r${text.slice(0, Math.max(20, (out.columns ?? 100) - 1)).padEnd(drawn ? Math.min(99, (out.columns ?? 100) - 1) : 0)}`)
        drawn = true
      } else out.write(`${text}\n`)
    },
    finish: () => {
      if (drawn) out.write(`\r${' '.repeat(Math.min(99, (out.columns ?? 100) - 1))}\r`)
      drawn = false
    },
  }
}
