/**
 * The two ways an unbounded source completes (`stop` in the spec): a number of records, or a quiet
 * period. Idle time is the time spent *waiting for the broker*, measured from the moment the last
 * record's downstream work returned, so a slow consumer never looks idle to itself.
 */
import type { Stop } from './broker.js'

/** How many records a source may emit before completing (Infinity without an `events` stop). */
export const eventLimit = (stop: Stop | undefined): number =>
  stop !== undefined && 'events' in stop ? stop.events : Infinity

/** Tracks how long a source has waited without a message. */
export interface IdleClock {
  /** Marks "a message just arrived and was handled": the wait starts again now. */
  readonly touch: () => void
  /** Milliseconds left before the source counts as idle (Infinity without an `idleMs` stop). */
  readonly left: () => number
}

/** An idle clock for `stop`, started now. */
export const idleClock = (stop: Stop | undefined): IdleClock => {
  const limit = stop !== undefined && 'idleMs' in stop ? stop.idleMs : Infinity
  let since = performance.now()
  return {
    // Called per record, so it reads the clock only when there is an idle stop to serve.
    touch:
      limit === Infinity
        ? () => {}
        : () => {
            since = performance.now()
          },
    left: () => limit - (performance.now() - since),
  }
}

/**
 * Calls `idle` once the clock runs out; returns a cancel function. One timer re-arms itself for
 * the remaining time instead of being reset per message, which would cost a timer per record.
 */
export const whenIdle = (clock: IdleClock, idle: () => void): (() => void) => {
  let timer: NodeJS.Timeout | undefined
  const check = (): void => {
    const left = clock.left()
    if (left <= 0) idle()
    else timer = setTimeout(check, Math.min(left, 2 ** 31 - 1))
  }
  if (clock.left() !== Infinity) check()
  return () => clearTimeout(timer)
}
