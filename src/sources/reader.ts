/**
 * The `records` Observable shared by the broker sources: one reader at a time (a durable position
 * has one reader), reading starts on subscribe, unsubscribing or closing ends it quietly, and only
 * a failure while someone is still reading becomes an error.
 */
import { Observable, type Subscriber } from 'rxjs'
import type { Numbered } from '../spec/records.js'

/** What the Observable needs from its source. */
export interface ReaderParts {
  /** Says what is being read, for the "already being read" error: `NATS at …: durable trainer`. */
  readonly label: string
  /** Reads into `subscriber` until done; `isActive` turns false on unsubscribe or close. */
  readonly read: (subscriber: Subscriber<Numbered<string>>, isActive: () => boolean) => Promise<void>
  /** Interrupts a read in progress (stops a pull, drops a blocked connection). */
  readonly halt: () => void
  readonly closed: () => boolean
  /** A failure as the error the subscriber sees (naming the server). */
  readonly failure: (e: unknown) => Error
}

/** Records from `read`, for one subscriber at a time. */
export const oneReader = ({ label, read, halt, closed, failure }: ReaderParts): Observable<Numbered<string>> => {
  let reading = false
  return new Observable<Numbered<string>>((subscriber) => {
    if (reading || closed()) {
      subscriber.error(new Error(`${label} is ${closed() ? 'closed' : 'already being read; subscribe once at a time'}`))
      return
    }
    reading = true
    let active = true
    read(subscriber, () => active && !closed())
      .then(
        () => subscriber.complete(),
        (e: unknown) => {
          if (!active || closed()) subscriber.complete()
          else subscriber.error(failure(e))
        },
      )
      .finally(() => {
        reading = false
      })
    return () => {
      active = false
      halt()
    }
  })
}
