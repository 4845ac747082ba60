/**
 * A line's bytes for a scanner that reads bytes instead of characters: V8 (11, Node 20) checks a
 * string's representation again on every charCodeAt, about a dozen instructions a character,
 * while a byte is one bounds-checked load. Only an ASCII line qualifies, so byte i is character
 * i, and one TextEncoder call copies it.
 */

const encoder = new TextEncoder()
/** Lines up to this long reuse one buffer; a longer one gets its own, so one huge line is not kept. */
const KEPT = 1 << 20
// Scratch space, overwritten by every call before it is read: no caller reads it after its next
// call, and nothing here can call back into a scanner, so one buffer serves all.
let scratch = new Uint8Array(4096)

/**
 * The bytes of an ASCII line followed by three NULs (so a scanner's loops stop, and it may look
 * two bytes ahead, without bounds tests), or undefined when the line is not ASCII. Valid until
 * the next call.
 */
export const asciiBytes = (line: string): Uint8Array | undefined => {
  const n = line.length
  let b = scratch
  if (b.length < n + 3) {
    b = new Uint8Array(2 * n + 3)
    if (b.length <= KEPT) scratch = b
  }
  // Anything outside ASCII takes more bytes than characters, or stops the copy short.
  const { read, written } = encoder.encodeInto(line, b)
  if (read !== n || written !== n) return undefined
  b[n] = 0
  b[n + 1] = 0
  b[n + 2] = 0
  return b
}
