/**
 * The records a source has emitted that the broker still holds for it, in emission order, each
 * with the handle the broker needs to settle it (a JetStream reply subject, a Redis entry ID).
 * Lines must be added in increasing order; that is what lets `through` stop at the first larger one.
 */

/** A record waiting for acknowledgement: its emission-order line and its broker handle. */
export interface Held<H> {
  readonly line: number
  readonly handle: H
}

/** Emitted-but-unsettled records keyed by the broker's identity of the record. */
export interface Unsettled<K, H> {
  readonly add: (key: K, line: number, handle: H) => void
  readonly has: (key: K) => boolean
  /** Gives a held record the handle of a fresh delivery (a recreated consumer's reply subject). */
  readonly rebind: (key: K, handle: H) => void
  /** The held records emitted up to and including `line`, oldest first. */
  readonly through: (line: number) => readonly (readonly [K, Held<H>])[]
  readonly remove: (key: K) => Held<H> | undefined
  readonly size: () => number
}

/** An empty set of unsettled records. */
export const unsettled = <K, H>(): Unsettled<K, H> => {
  // A Map iterates in insertion order, and re-setting a key keeps its place: exactly emission order.
  const held = new Map<K, Held<H>>()
  return {
    add: (key, line, handle) => {
      held.set(key, { line, handle })
    },
    has: (key) => held.has(key),
    rebind: (key, handle) => {
      const h = held.get(key)
      if (h !== undefined) held.set(key, { line: h.line, handle })
    },
    through: (line) => {
      const out: (readonly [K, Held<H>])[] = []
      for (const entry of held) {
        if (entry[1].line > line) break
        out.push(entry)
      }
      return out
    },
    remove: (key) => {
      const h = held.get(key)
      held.delete(key)
      return h
    },
    size: () => held.size,
  }
}
