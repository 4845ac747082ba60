/** Recording a source for a fixture: each record stamped with the scheduler's clock. */
import { type OperatorFunction, type SchedulerLike, asyncScheduler, defer, map } from 'rxjs'
import type { Numbered } from '../spec/records.js'
import type { Recorded } from './recording.js'

/**
 * Stamps each record with `t`, milliseconds since subscription by `scheduler.now()`; pass a
 * TestScheduler or VirtualTimeScheduler to record on virtual time. Write with `formatRecorded`.
 */
export const record =
  (scheduler: SchedulerLike = asyncScheduler): OperatorFunction<Numbered<string>, Recorded> =>
  (source) =>
    defer(() => {
      // The clock starts per subscription, so recording twice gives two independent timelines.
      const start = scheduler.now()
      return source.pipe(
        map(({ line, value, subject }): Recorded => {
          const t = scheduler.now() - start
          return subject === undefined ? { t, line, raw: value } : { t, line, raw: value, subject }
        }),
      )
    })
