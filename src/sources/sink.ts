/**
 * Writing JSON lines to a broker (dead letters, metrics, predictions) so that a caller can wait
 * until they are stored, e.g. flush the dead letters before acknowledging the records they came from.
 */

/** A broker destination for JSON lines. */
export interface JsonSink {
  /** Sends `value` as one JSON line; resolves once the broker has stored it. */
  readonly write: (value: unknown) => Promise<void>
  /** Resolves once every write so far is stored; rejects with the first failure since the last flush. */
  readonly flush: () => Promise<void>
  /** Flushes, then releases what the sink owns (a connection it opened; never the caller's). */
  readonly close: () => Promise<void>
}

/** A JsonSink over `send`, which stores one line and resolves when it is stored. */
export const jsonSink = (
  send: (line: string) => Promise<void>,
  release: () => Promise<void> = async () => {},
): JsonSink => {
  const inFlight = new Set<Promise<void>>()
  let failure: unknown
  const flush = async (): Promise<void> => {
    await Promise.allSettled([...inFlight])
    const f = failure
    failure = undefined
    if (f !== undefined) throw f
  }
  return {
    write: (value) => {
      const sent = send(JSON.stringify(value))
      // Remembered for flush, and marked handled so an unawaited write cannot crash the process.
      const tracked = sent.then(
        () => {},
        (e: unknown) => {
          failure ??= e
        },
      )
      inFlight.add(tracked)
      void tracked.then(() => inFlight.delete(tracked))
      return sent
    },
    flush,
    close: async () => {
      try {
        await flush()
      } finally {
        await release()
      }
    },
  }
}
