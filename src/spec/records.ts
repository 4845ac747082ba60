/** The records that cross the edges: raw records with their position, decoded samples, dead letters. */

/**
 * A value with where it came from: `line` is the 1-based line of a file, or a broker's stream
 * sequence (then `subject` names the broker subject or stream key). `id` is the broker's own id
 * where no number can carry it (a Redis Streams entry ID; `line` then counts records read).
 */
export interface Numbered<T> {
  readonly line: number
  readonly value: T
  readonly subject?: string
  readonly id?: string
}

/** One decoded training example: inputs and targets (class indices already one-hot). */
export interface Sample {
  readonly x: Float32Array
  readonly y: Float32Array
}

/** A rejected record: its position, its original text, and why (naming the field). */
export interface DeadLetter {
  readonly line: number
  readonly raw: string
  readonly error: string
  readonly subject?: string
}
