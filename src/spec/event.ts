/**
 * Decoding raw event lines (CONTRACT.md, "Events") into samples or dead letters. The scanner
 * takes the common line; everything else goes through JSON.parse and the codec, which has the
 * final word on what is rejected and why.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { decodeEventByCodec } from './eventCodec.js'
import { scanEvent } from './eventScan.js'
import type { DeadLetter, Numbered, Sample } from './records.js'
import type { EventShape } from './widths.js'

/** The line without the `\r` a CRLF file leaves at its end. */
export const withoutCr = (raw: string): string => (raw.charCodeAt(raw.length - 1) === 0x0d ? raw.slice(0, -1) : raw)

/** One event line to a sample (x and y as Float32Arrays; a class index made one-hot), or why not, naming the field. */
export const decodeEvent = (raw: string, shape: EventShape): E.Either<string, Sample> => {
  const line = withoutCr(raw)
  const fast = scanEvent(line, shape)
  return fast !== undefined ? E.right(fast) : decodeEventByCodec(line, shape)
}

/** The dead letter `{line, raw, error}` of a numbered line the decoder rejected, keeping the broker subject. */
export const deadLetterOf = (n: Numbered<string>, error: string): DeadLetter => ({
  line: n.line,
  raw: withoutCr(n.value),
  error,
  ...(n.subject !== undefined ? { subject: n.subject } : {}),
})

/** A numbered line to a numbered sample, or a dead letter `{line, raw, error}` keeping the broker subject. */
export const decodeLine = (n: Numbered<string>, shape: EventShape): E.Either<DeadLetter, Numbered<Sample>> =>
  pipe(
    decodeEvent(n.value, shape),
    E.bimap(
      (error) => deadLetterOf(n, error),
      // Object.assign, not a spread: see decodeCounted (sources/decode.ts).
      (sample): Numbered<Sample> => Object.assign({}, n, { value: sample }),
    ),
  )
